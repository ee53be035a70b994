import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../http/error-handler.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { installHardening } from './hardening.ts';
import { RateLimiter, rateLimitHook } from './rate-limit.ts';
import { loadSecuritySettings } from './settings.ts';

describe('rate limiter', () => {
  it('allows the limit per window, then refuses with the wait until the window ends', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter('sign-in', 2, 60_000, () => now);
    limiter.hit('1.2.3.4');
    limiter.hit('1.2.3.4');
    expect(() => limiter.hit('1.2.3.4')).toThrow(
      expect.objectContaining({ code: 'RATE_LIMITED', retryAfterMs: 60_000 }),
    );
    limiter.hit('5.6.7.8');
    now += 60_000;
    expect(() => limiter.hit('1.2.3.4')).not.toThrow();
    expect(() => new RateLimiter('off', 0).hit('x')).not.toThrow();
  });

  it('guards routes as a hook (webhooks use it with GUIXU_WEBHOOK_RATE_LIMIT)', async () => {
    const app = Fastify();
    installErrorHandling(app);
    app.addHook('onRequest', rateLimitHook(new RateLimiter('webhook', 1)));
    app.get('/hook', async () => ({ ok: true }));
    expect((await app.inject({ method: 'GET', url: '/hook' })).statusCode).toBe(200);
    const second = await app.inject({ method: 'GET', url: '/hook' });
    expect(second.statusCode).toBe(429);
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

describe('headers and CORS', () => {
  it('sends security headers and answers pre-flights only for configured origins', async () => {
    const app = Fastify();
    installHardening(
      app,
      loadSecuritySettings({ GUIXU_CORS_ORIGINS: 'https://ui.example' }, 'http://127.0.0.1'),
    );
    app.get('/x', async () => ({ ok: true }));
    await app.ready();
    const plain = await app.inject({ method: 'GET', url: '/x', headers: { origin: 'https://evil.example' } });
    expect(plain.headers['x-frame-options']).toBe('DENY');
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await app.inject({ method: 'GET', url: '/x', headers: { origin: 'https://ui.example' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://ui.example');
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/x',
      headers: { origin: 'https://ui.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('x-guixu-csrf');
    const denied = await app.inject({
      method: 'OPTIONS',
      url: '/x',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(denied.statusCode).toBe(403);
    await app.close();
  });
});

describe('login rate limit through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    process.env.GUIXU_LOGIN_RATE_LIMIT = '3';
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    delete process.env.GUIXU_LOGIN_RATE_LIMIT;
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
