import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, setupOwner } from '../../security/testing/identities.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { issuerOf } from './oidc-client.ts';
import {
  CLIENT_SECRET,
  clientIdFor,
  ID_TOKEN_ALGORITHMS,
  PUBLIC_URL,
  signInAtProvider,
  startProvider,
  type TestProvider,
} from './testing/oidc-provider.ts';

/** Serves the provider's discovery document from another origin: its `issuer` is not this origin. */
async function impostor(issuer: string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (_request, response) => {
    const document = await (await fetch(`${issuer}/.well-known/openid-configuration`)).text();
    response.writeHead(200, { 'content-type': 'application/json' }).end(document);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('OIDC relying party (openid-client) against oidc-provider', () => {
  let t: TestApp;
  let provider: TestProvider;
  let ownerHeaders: Record<string, string>;

  beforeAll(async () => {
    provider = await startProvider();
    t = await createTestApp('sqlite', { env: { GUIXU_PUBLIC_URL: PUBLIC_URL }, auth: 'none' });
    ownerHeaders = (await setupOwner(t.app)).headers;
  });
  afterAll(async () => {
    await t.dispose();
    await provider.close();
  });

  const configure = (discoveryUrl: string, clientId: string) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/v1/sso/oidc',
      headers: ownerHeaders,
      payload: {
        enabled: true,
        discoveryUrl,
        clientId,
        clientSecret: CLIENT_SECRET,
        scopes: 'openid email profile groups',
        roleClaim: 'groups',
        roleMapping: { 'guixu-admins': 'admin' },
      },
    });

  it.each(ID_TOKEN_ALGORITHMS)('accepts ID tokens signed with %s', async (alg) => {
    const put = await configure(`${provider.issuer}/.well-known/openid-configuration`, clientIdFor(alg));
    expect(put.statusCode).toBe(200);
    const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
    expect(start.statusCode).toBe(302);
    const back = await signInAtProvider(String(start.headers.location), 'ada');
    const done = await t.app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      headers: { cookie: String(start.headers['set-cookie']).split(';')[0] },
    });
    expect(done.statusCode, done.body).toBe(302);
    expect(String(done.headers['set-cookie'])).toContain('guixu_access=');
  });

  it('refuses a discovery document whose issuer is not the configured one', async () => {
    const fake = await impostor(provider.issuer);
    try {
      await configure(`${fake.url}/.well-known/openid-configuration`, clientIdFor('RS256'));
      const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
      expect(start.statusCode).toBe(401);
      expect(json(start)).toMatchObject({ code: 'SSO_FAILED' });
      expect(String(start.json().message)).toMatch(/issuer/);
    } finally {
      await new Promise((resolve) => fake.server.close(resolve));
    }
  });

  it('derives the issuer from the discovery URL', () => {
    expect(issuerOf('https://id.example.com/.well-known/openid-configuration').href).toBe(
      'https://id.example.com/',
    );
    expect(issuerOf('https://id.example.com/realms/x/.well-known/openid-configuration').href).toBe(
      'https://id.example.com/realms/x',
    );
    expect(issuerOf('https://id.example.com/realms/x').href).toBe('https://id.example.com/realms/x');
  });
});
