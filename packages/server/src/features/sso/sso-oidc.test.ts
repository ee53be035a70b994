import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, setupOwner } from '../../security/testing/identities.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import {
  CLIENT_SECRET,
  clientIdFor,
  PUBLIC_URL,
  signInAtProvider,
  startProvider,
  type TestProvider,
} from './testing/oidc-provider.ts';

const CLIENT_ID = clientIdFor('RS256');

describe.each(BACKENDS)('OIDC single sign-on on %s', (kind) => {
  let t: TestApp;
  let provider: TestProvider;
  let ownerHeaders: Record<string, string>;

  beforeAll(async () => {
    provider = await startProvider();
    t = await createTestApp(kind, { env: { GUIXU_PUBLIC_URL: PUBLIC_URL }, auth: 'none' });
    ownerHeaders = (await setupOwner(t.app)).headers;
  });
  afterAll(async () => {
    await t.dispose();
    await provider.close();
  });

  async function signIn(login: string) {
    const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login?redirect=/workflows' });
    expect(start.statusCode).toBe(302);
    const flowCookie = String(start.headers['set-cookie']).split(';')[0];
    const back = await signInAtProvider(String(start.headers.location), login);
    return t.app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      headers: { cookie: flowCookie },
    });
  }

  it('is configured by the owner only; the client secret is never shown', async () => {
    const settings = {
      enabled: true,
      discoveryUrl: `${provider.issuer}/.well-known/openid-configuration`,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      scopes: 'openid email profile groups',
      roleClaim: 'groups',
      roleMapping: { 'guixu-admins': 'admin' },
    };
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/sso/oidc',
      headers: ownerHeaders,
      payload: settings,
    });
    expect(put.statusCode).toBe(200);
    expect(put.body).not.toContain(CLIENT_SECRET);
    const anonymous = await t.app.inject({ method: 'PUT', url: '/api/v1/sso/oidc', payload: settings });
    expect(anonymous.statusCode).toBe(401);
    expect(json(await t.app.inject({ method: 'GET', url: '/api/v1/setup' }))).toMatchObject({
      ssoEnabled: true,
    });
  });

  it('signs in end to end, creates the account and maps the group claim to a role', async () => {
    const done = await signIn('ada');
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/workflows');
    const cookies = (done.headers['set-cookie'] as string[]).map((c) => c.split(';')[0]);
    const access = cookies.find((c) => c.startsWith('guixu_access='));
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: access ?? '' },
    });
    expect(me.statusCode).toBe(200);
    expect(json(me)).toMatchObject({
      user: { email: 'ada@example.com', role: 'admin', ssoLinked: true, hasPassword: false },
    });

    const bob = await signIn('bob');
    expect(bob.statusCode).toBe(302);
    const users = json(
      await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: ownerHeaders }),
    ) as {
      data: { email: string; role: string }[];
    };
    expect(users.data.find((u) => u.email === 'bob@example.com')?.role).toBe('member');
    // SSO-only accounts have no password to guess.
    const pw = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ada@example.com', password: 'Anything-123' },
    });
    expect(pw.statusCode).toBe(401);
  });

  it('refuses a callback without its flow cookie or with a forged state', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
    const back = await signInAtProvider(String(start.headers.location), 'ada');
    const noCookie = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
    expect(noCookie.statusCode).toBe(401);
    expect(json(noCookie)).toMatchObject({ code: 'SSO_FAILED' });
    const flowCookie = String(start.headers['set-cookie']).split(';')[0];
    back.searchParams.set('state', 'forged');
    const forged = await t.app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      headers: { cookie: flowCookie },
    });
    expect(forged.statusCode).toBe(401);
    expect(json(forged)).toMatchObject({ code: 'SSO_FAILED' });
  });
});
