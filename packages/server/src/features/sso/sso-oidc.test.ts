import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, setupOwner } from '../../security/testing/identities.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const CLIENT_ID = 'guixu';
const CLIENT_SECRET = 'a-long-client-secret-for-tests-0123456789';
const PUBLIC_URL = 'http://127.0.0.1:5999';

/** A real OpenID provider on loopback; accounts are "<name>" with groups from the table. */
async function startProvider(): Promise<{ issuer: string; server: Server }> {
  const groups: Record<string, string[]> = { ada: ['guixu-admins'], bob: ['staff'] };
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${PUBLIC_URL}/api/v1/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true, methods: ['S256'] },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    jwks: {
      keys: [
        {
          ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
          kid: 'k1',
          use: 'sig',
          alg: 'RS256',
        },
      ],
    },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            email: `${id}@example.com`,
            email_verified: true,
            name: id.toUpperCase(),
            groups: groups[id] ?? [],
          };
        },
      };
    },
  });
  server.on('request', provider.callback());
  return { issuer, server };
}

/** Plays the browser: follows the provider's redirects and posts its login and consent forms. */
async function signInAtProvider(authorizeUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  let url = authorizeUrl;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(PUBLIC_URL)) return new URL(url);
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: cookieHeader(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body } : {}),
    });
    remember(res);
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).toString();
      continue;
    }
    const html = await res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const action = /action="([^"]+)"/.exec(html)?.[1];
    if (!prompt || !action) throw new Error(`unexpected provider page: ${html.slice(0, 300)}`);
    url = new URL(action, url).toString();
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('too many redirects at the provider');
}

describe.each(BACKENDS)('OIDC single sign-on on %s', (kind) => {
  let t: TestApp;
  let provider: { issuer: string; server: Server };
  let ownerHeaders: Record<string, string>;

  beforeAll(async () => {
    provider = await startProvider();
    t = await createTestApp(kind, { env: { GUIXU_PUBLIC_URL: PUBLIC_URL }, auth: 'none' });
    ownerHeaders = (await setupOwner(t.app)).headers;
  });
  afterAll(async () => {
    await t.dispose();
    await new Promise((resolve) => provider.server.close(resolve));
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
