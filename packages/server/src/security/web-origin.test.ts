import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../config.ts';
import { chain, node } from '../features/webhooks/webhook-test-kit.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { BACKENDS } from '../testing/test-database.ts';
import { testUser } from '../testing/test-users.ts';
import { type Identity, json, TEST_PASSWORD } from './testing/identities.ts';

/**
 * Issue 8 finding 4: a member's webhook answered HTML on the API's origin;
 * when the signed-in owner opened it, its script read the CSRF cookie and
 * created an admin. Each link of that chain is cut here.
 */

const ATTACK_PAGE = `<!doctype html><script>
const csrf = document.cookie.match(/guixu_csrf=([^;]+)/)[1];
fetch('/api/v1/users', { method: 'POST', credentials: 'include',
  headers: { 'content-type': 'application/json', 'x-guixu-csrf': csrf },
  body: JSON.stringify({ email: 'mallory@example.com', role: 'admin', password: 'Mallory-owns-you-42' }) });
</script>`;

const cookieJar = (setCookie: LightMyRequestResponse['headers']['set-cookie']): Record<string, string> => {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return Object.fromEntries(list.map((c) => c.split(';')[0].split('=') as [string, string]));
};

function cspList(response: LightMyRequestResponse): string[] {
  const value = response.headers['content-security-policy'];
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** A member's workflow: a webhook answering the attack page, trying to lift the sandbox and plant cookies. */
async function attackWorkflow(t: TestApp, member: Identity, path: string): Promise<void> {
  const respond = node('Respond', 'guixu.respondToWebhook', {
    respondWith: 'text',
    responseBody: ATTACK_PAGE,
    options: {
      responseHeaders: {
        entries: [
          { name: 'Content-Type', value: 'text/html; charset=utf-8' },
          { name: 'Content-Security-Policy', value: "script-src 'unsafe-inline'" },
          { name: 'X-Content-Type-Options', value: 'sniff-please' },
          { name: 'Set-Cookie', value: 'guixu_csrf=planted-by-mallory; Path=/' },
        ],
      },
    },
  });
  const webhook = node('Webhook', 'guixu.webhook', { httpMethod: 'GET', path, responseMode: 'responseNode' });
  const created = await t.raw.inject({
    method: 'POST',
    url: '/api/v1/workflows',
    headers: member.headers,
    payload: { name: 'Innocent form', nodes: [webhook, respond], connections: chain(['Webhook', 'Respond']) },
  });
  expect(created.statusCode).toBe(201);
  const id = z.object({ id: z.string() }).parse(json(created)).id;
  const activated = await t.raw.inject({
    method: 'POST',
    url: `/api/v1/workflows/${id}/activate`,
    headers: member.headers,
  });
  expect(activated.statusCode).toBe(200);
}

async function browserSignIn(t: TestApp, email: string, remoteAddress: string) {
  const res = await t.raw.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: TEST_PASSWORD },
    remoteAddress,
  });
  expect(res.statusCode).toBe(200);
  const jar = cookieJar(res.headers['set-cookie']);
  return { access: jar.guixu_access, csrf: jar.guixu_csrf };
}

describe.each(BACKENDS)('web origin: the stored-XSS chain on %s', (kind) => {
  let t: TestApp;
  let member: Identity;
  beforeAll(async () => {
    t = await createTestApp(kind);
    member = await testUser(t);
    await attackWorkflow(t, member, `innocent-${kind}`);
  });
  afterAll(async () => t.dispose());

  it("the member's page is sandboxed: no scripts, no same-origin, no sniffing, no planted cookies", async () => {
    const owner = await browserSignIn(t, 'owner@example.com', '10.1.0.1');
    const page = await t.raw.inject({
      method: 'GET',
      url: `/webhook/innocent-${kind}`,
      headers: { cookie: `guixu_access=${owner.access}; guixu_csrf=${owner.csrf}` },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<script>');
    const policies = cspList(page);
    // The workflow's own policy is kept, ours is sent beside it: a browser enforces both.
    expect(policies).toContain("script-src 'unsafe-inline'");
    const sandbox = policies.find((p) => p.startsWith('sandbox'));
    expect(sandbox).toBeDefined();
    expect(sandbox).not.toMatch(/allow-scripts|allow-same-origin/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('a CSRF token that is not the session’s own is refused, and no admin appears', async () => {
    const owner = await browserSignIn(t, 'owner@example.com', '10.1.0.2');
    const mallory = await browserSignIn(t, member.email, '10.1.0.3');
    const createAdmin = (cookie: string, csrf: string) =>
      t.raw.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { cookie, 'x-guixu-csrf': csrf },
        payload: { email: 'mallory@example.com', role: 'admin', password: 'Mallory-owns-you-42' },
      });
    // A cookie planted by some other page (a sibling subdomain, an old webhook answer) and echoed.
    const planted = await createAdmin(`guixu_access=${owner.access}; guixu_csrf=planted`, 'planted');
    expect(planted.statusCode).toBe(403);
    expect(json(planted)).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
    // The member's own, valid token is bound to the member's session, not the owner's.
    const borrowed = await createAdmin(
      `guixu_access=${owner.access}; guixu_csrf=${mallory.csrf}`,
      mallory.csrf,
    );
    expect(borrowed.statusCode).toBe(403);
    // Without the header at all (a cross-site form post).
    const bare = await t.raw.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: `guixu_access=${owner.access}` },
      payload: { email: 'mallory@example.com', role: 'admin', password: 'Mallory-owns-you-42' },
    });
    expect(bare.statusCode).toBe(403);
    const users = json(await t.app.inject({ method: 'GET', url: '/api/v1/users' })) as {
      data: { email: string }[];
    };
    expect(users.data.map((u) => u.email)).not.toContain('mallory@example.com');
    // The owner's own page still works with the owner's token.
    const own = await t.raw.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: {
        cookie: `guixu_access=${owner.access}; guixu_csrf=${owner.csrf}`,
        'x-guixu-csrf': owner.csrf,
      },
      payload: { name: 'Still works' },
    });
    expect(own.statusCode).toBe(201);
  });

  it('error answers on webhook paths carry the sandbox too', async () => {
    const missing = await t.raw.inject({ method: 'GET', url: '/webhook/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(cspList(missing).some((p) => p.startsWith('sandbox'))).toBe(true);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
    const resume = await t.raw.inject({ method: 'POST', url: '/webhook-waiting/no-such-execution' });
    expect(cspList(resume).some((p) => p.startsWith('sandbox'))).toBe(true);
  });
});

describe('web origin settings', () => {
  it('default to the public URL and strict; a bad value stops the start naming the variable', () => {
    const env = {
      GUIXU_DATA_DIR: join(tmpdir(), 'guixu-web-origin-config'),
      GUIXU_PUBLIC_URL: 'https://flow.example/',
    };
    expect(loadConfig({ env, cwd: tmpdir() })).toMatchObject({
      webhookUrl: 'https://flow.example',
      webhookSandbox: 'strict',
    });
    expect(() => loadConfig({ env: { ...env, GUIXU_WEBHOOK_SANDBOX: 'loose' }, cwd: tmpdir() })).toThrow(
      /GUIXU_WEBHOOK_SANDBOX/,
    );
    expect(() => loadConfig({ env: { ...env, GUIXU_WEBHOOK_URL: 'ftp://hooks' }, cwd: tmpdir() })).toThrow(
      /GUIXU_WEBHOOK_URL/,
    );
  });

  it('GUIXU_WEBHOOK_URL: webhook and resume URLs use it, and the API origin refuses webhook paths', async () => {
    const t = await createTestApp('sqlite', {
      env: { GUIXU_PUBLIC_URL: 'https://flow.example', GUIXU_WEBHOOK_URL: 'https://hooks.example/' },
    });
    try {
      const member = await testUser(t);
      await attackWorkflow(t, member, 'separate');
      const listed = z
        .object({ data: z.array(z.object({ url: z.string() })) })
        .parse(json(await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: member.headers })));
      expect(listed.data.map((w) => w.url)).toEqual(['https://hooks.example/webhook/separate']);
      expect(t.ctx.services.get('executions').resumeUrl('e1')).toBe(
        'https://hooks.example/webhook-waiting/e1',
      );
      const onApi = await t.raw.inject({
        method: 'GET',
        url: '/webhook/separate',
        headers: { host: 'flow.example' },
      });
      expect(onApi.statusCode).toBe(421);
      expect(json(onApi)).toMatchObject({ code: 'WEBHOOK_WRONG_ORIGIN' });
      const onHooks = await t.raw.inject({
        method: 'GET',
        url: '/webhook/separate',
        headers: { host: 'hooks.example' },
      });
      expect(onHooks.statusCode).toBe(200);
      expect(cspList(onHooks).some((p) => p.startsWith('sandbox'))).toBe(true);
      // The API itself still answers on its origin.
      const api = await t.raw.inject({ method: 'GET', url: '/healthz', headers: { host: 'flow.example' } });
      expect(api.statusCode).toBe(200);
    } finally {
      await t.dispose();
    }
  });

  it('GUIXU_WEBHOOK_SANDBOX relaxes the sandbox only when asked: scripts (still no same origin) or off', async () => {
    for (const [mode, expected] of [
      ['scripts', /^sandbox .*allow-scripts/],
      ['off', undefined],
    ] as const) {
      const t = await createTestApp('sqlite', { env: { GUIXU_WEBHOOK_SANDBOX: mode } });
      try {
        const member = await testUser(t);
        await attackWorkflow(t, member, `mode-${mode}`);
        const page = await t.raw.inject({ method: 'GET', url: `/webhook/mode-${mode}` });
        const sandbox = cspList(page).find((p) => p.startsWith('sandbox'));
        if (expected === undefined) expect(sandbox).toBeUndefined();
        else {
          expect(sandbox).toMatch(expected);
          expect(sandbox).not.toContain('allow-same-origin');
        }
        expect(page.headers['x-content-type-options']).toBe('nosniff');
        expect(page.headers['set-cookie']).toBeUndefined();
      } finally {
        await t.dispose();
      }
    }
  });
});
