import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../http/error-handler.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { installHardening, routeCsp } from './hardening.ts';
import { installRateLimits, RequestLimiter, rateLimitHook } from './rate-limit.ts';
import { loadSecuritySettings } from './settings.ts';

async function limitedApp(limiter: RequestLimiter) {
  const app = Fastify();
  installErrorHandling(app);
  await installRateLimits(app);
  limiter.bind(app);
  app.post('/login', async (request) => {
    await limiter.hit(request);
    return { ok: true };
  });
  return app;
}

describe('rate limits (@fastify/rate-limit)', () => {
  it('allows the limit per minute and address, then refuses with Retry-After', async () => {
    const app = await limitedApp(new RequestLimiter('sign-in', 2));
    const from = (remoteAddress: string) => app.inject({ method: 'POST', url: '/login', remoteAddress });
    expect((await from('1.2.3.4')).statusCode).toBe(200);
    expect((await from('1.2.3.4')).statusCode).toBe(200);
    const refused = await from('1.2.3.4');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 2, windowSeconds: 60 } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await from('5.6.7.8')).statusCode).toBe(200);
    await app.close();
  });

  it('a limit of 0 turns the limiter off', async () => {
    const app = await limitedApp(new RequestLimiter('off', 0));
    for (let i = 0; i < 5; i++)
      expect((await app.inject({ method: 'POST', url: '/login' })).statusCode).toBe(200);
    await app.close();
  });

  it('guards every route of a scope as a hook (webhooks use it with GUIXU_WEBHOOK_RATE_LIMIT)', async () => {
    const app = Fastify();
    installErrorHandling(app);
    await installRateLimits(app);
    expect(rateLimitHook(app, 'webhook', 0)).toBeUndefined();
    await app.register(async (scope) => {
      const hook = rateLimitHook(scope, 'webhook', 1);
      if (hook) scope.addHook('onRequest', hook);
      scope.get('/hook', async () => ({ ok: true }));
    });
    expect((await app.inject({ method: 'GET', url: '/hook' })).statusCode).toBe(200);
    const second = await app.inject({ method: 'GET', url: '/hook' });
    expect(second.statusCode).toBe(429);
    expect(second.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(second.headers['retry-after']).toBeDefined();
    await app.close();
  });
});

describe('security settings', () => {
  it('reads the environment and names a bad value', () => {
    const s = loadSecuritySettings(
      { GUIXU_CORS_ORIGINS: 'https://a.example/, https://b.example' },
      'https://x.example',
    );
    expect(s.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(s.cookieSecure).toBe(true);
    expect(() => loadSecuritySettings({ GUIXU_LOGIN_RATE_LIMIT: 'lots' }, 'http://x')).toThrow(
      /GUIXU_LOGIN_RATE_LIMIT/,
    );
  });
});

describe('headers and CORS (@fastify/helmet, @fastify/cors)', () => {
  async function hardened(env: Record<string, string>) {
    const app = Fastify();
    installErrorHandling(app);
    await installHardening(app, loadSecuritySettings(env, 'http://127.0.0.1'));
    app.get('/x', async () => ({ ok: true }));
    app.get(
      '/page',
      routeCsp({ defaultSrc: ["'none'"], scriptSrc: ["'self'"], styleSrc: ["'self'"] }),
      async () => 'page',
    );
    app.all('/webhook/*', async () => 'hook');
    await app.ready();
    return app;
  }

  it('sends security headers and answers pre-flights only for configured origins', async () => {
    const app = await hardened({ GUIXU_CORS_ORIGINS: 'https://ui.example' });
    const plain = await app.inject({ method: 'GET', url: '/x', headers: { origin: 'https://evil.example' } });
    expect(plain.headers['x-frame-options']).toBe('DENY');
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    expect(plain.headers['referrer-policy']).toBe('no-referrer');
    expect(plain.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await app.inject({ method: 'GET', url: '/x', headers: { origin: 'https://ui.example' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://ui.example');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/x',
      headers: { origin: 'https://ui.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('x-guixu-csrf');
    expect(preflight.headers['access-control-max-age']).toBe('600');
    const denied = await app.inject({
      method: 'OPTIONS',
      url: '/x',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'CORS_ORIGIN_DENIED' });
    await app.close();
  });

  it('lets one route have its own Content-Security-Policy', async () => {
    const app = await hardened({});
    const page = await app.inject({ method: 'GET', url: '/page' });
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'none';script-src 'self';style-src 'self'",
    );
    expect(page.headers['x-frame-options']).toBe('DENY');
    await app.close();
  });

  it('leaves webhook paths to their own policy (no API headers, no API CORS)', async () => {
    const app = await hardened({ GUIXU_CORS_ORIGINS: 'https://ui.example' });
    const hook = await app.inject({
      method: 'GET',
      url: '/webhook/a',
      headers: { origin: 'https://ui.example' },
    });
    expect(hook.headers['x-frame-options']).toBeUndefined();
    expect(hook.headers['content-security-policy']).toBeUndefined();
    expect(hook.headers['access-control-allow-origin']).toBeUndefined();
    await app.close();
  });

  it('sends HSTS when cookies are secure', async () => {
    const app = Fastify();
    await installHardening(app, loadSecuritySettings({}, 'https://x.example'));
    app.get('/x', async () => ({ ok: true }));
    const res = await app.inject({ method: 'GET', url: '/x' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    await app.close();
  });
});

describe('login rate limit through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { env: { GUIXU_LOGIN_RATE_LIMIT: '3' } });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('answers 429 with Retry-After past the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@example.com', password: 'Wrong-pass-1' },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
