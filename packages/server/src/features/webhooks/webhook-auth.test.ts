import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { verifyJwt } from './webhook-auth.ts';
import { activeWorkflow, node } from './webhook-test-kit.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function jwt(claims: Record<string, unknown>, secret: string, alg = 'HS256') {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

const guarded = (path: string, authentication: string, slot: string) =>
  node(
    'Webhook',
    'guixu.webhook',
    { httpMethod: 'POST', path, authentication },
    { credentials: { [slot]: { id: null, name: `${path}-credential` } } },
  );

describe.each(BACKENDS)('webhook authentication on %s', (kind) => {
  let t: TestApp;
  const call = (url: string, headers: Record<string, string> = {}, payload = '{"a":1}') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', ...headers },
      payload,
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    const credentials = t.ctx.services.get('triggers').credentials;
    credentials.set('basic-credential', 'httpBasicAuth', { user: 'ada', password: 's3cret' });
    credentials.set('header-credential', 'httpHeaderAuth', { name: 'X-Api-Key', value: 'k-123' });
    credentials.set('jwt-credential', 'jwtAuth', {
      keyType: 'passphrase',
      secret: 'jwt-secret',
      algorithm: 'HS256',
    });
    credentials.set('jwt-rs-credential', 'jwtAuth', {
      keyType: 'pemKey',
      publicKey: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      algorithm: 'RS256',
    });
    credentials.set('hmac-credential', 'webhookHmacAuth', {
      secret: 'hmac-secret',
      headerName: 'X-Hub-Signature-256',
      prefix: 'sha256=',
    });
    await activeWorkflow(t, [guarded('basic', 'basicAuth', 'httpBasicAuth')], {});
    await activeWorkflow(t, [guarded('header', 'headerAuth', 'httpHeaderAuth')], {});
    await activeWorkflow(t, [guarded('jwt', 'jwtAuth', 'jwtAuth')], {});
    await activeWorkflow(t, [guarded('hmac', 'hmac', 'webhookHmacAuth')], {});
    await activeWorkflow(t, [guarded('jwt-rs', 'jwtAuth', 'jwtAuth')], {});
  });
  afterAll(async () => t.dispose());

  it('basic auth: 401 without, 403 wrong, 200 right', async () => {
    const missing = await call('/webhook/basic');
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({ code: 'WEBHOOK_UNAUTHORIZED' });
    const basic = (s: string) => ({ authorization: `Basic ${Buffer.from(s).toString('base64')}` });
    expect((await call('/webhook/basic', basic('ada:wrong'))).statusCode).toBe(403);
    expect((await call('/webhook/basic', basic('bob:s3cret'))).statusCode).toBe(403);
    expect((await call('/webhook/basic', basic('ada:s3cret'))).statusCode).toBe(200);
  });

  it('header auth', async () => {
    expect((await call('/webhook/header')).statusCode).toBe(401);
    expect((await call('/webhook/header', { 'x-api-key': 'k-124' })).statusCode).toBe(403);
    expect((await call('/webhook/header', { 'x-api-key': 'k-123' })).statusCode).toBe(200);
  });

  it('JWT auth (HS256)', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await call('/webhook/jwt')).statusCode).toBe(401);
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    expect((await call('/webhook/jwt', bearer(jwt({ sub: 'x' }, 'other')))).statusCode).toBe(403);
    expect((await call('/webhook/jwt', bearer(jwt({ exp: now - 10 }, 'jwt-secret')))).statusCode).toBe(403);
    expect((await call('/webhook/jwt', bearer('not.a.jwt'))).statusCode).toBe(403);
    const none = `${b64({ alg: 'none' })}.${b64({ sub: 'x' })}.`;
    expect((await call('/webhook/jwt', bearer(none))).statusCode).toBe(403);
    expect(
      (await call('/webhook/jwt', bearer(jwt({ sub: 'x', exp: now + 60 }, 'jwt-secret')))).statusCode,
    ).toBe(200);
  });

  it('JWT auth with a PEM public key (RS256)', async () => {
    const signed = (key: KeyObject) => {
      const head = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'x' })}`;
      return `${head}.${createSign('RSA-SHA256').update(head).sign(key).toString('base64url')}`;
    };
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    expect((await call('/webhook/jwt-rs', bearer(signed(rsa.privateKey)))).statusCode).toBe(200);
    expect((await call('/webhook/jwt-rs', bearer(signed(otherRsa.privateKey)))).statusCode).toBe(403);
    // A token cannot switch the credential's RS256 to HMAC signed with the public key.
    const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect((await call('/webhook/jwt-rs', bearer(jwt({ sub: 'x' }, publicPem)))).statusCode).toBe(403);
  });

  it('HMAC signature of the raw body', async () => {
    const body = '{"event":"push"}';
    const sign = (secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    expect((await call('/webhook/hmac', {}, body)).statusCode).toBe(401);
    expect((await call('/webhook/hmac', { 'x-hub-signature-256': sign('nope') }, body)).statusCode).toBe(403);
    expect(
      (await call('/webhook/hmac', { 'x-hub-signature-256': sign('hmac-secret') }, `${body} `)).statusCode,
    ).toBe(403);
    expect(
      (await call('/webhook/hmac', { 'x-hub-signature-256': sign('hmac-secret') }, body)).statusCode,
    ).toBe(200);
  });

  it('refuses activation without a credential reference and reports an unknown credential as a server problem', async () => {
    const noRef = node('Webhook', 'guixu.webhook', {
      httpMethod: 'POST',
      path: 'no-ref',
      authentication: 'basicAuth',
    });
    await expect(activeWorkflow(t, [noRef], {})).rejects.toThrow(/WEBHOOK_INVALID/);
    await activeWorkflow(t, [guarded('unknown', 'basicAuth', 'httpBasicAuth')], {});
    const response = await call('/webhook/unknown');
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: 'WEBHOOK_CREDENTIAL_UNAVAILABLE' });
  });
});

describe('verifyJwt', () => {
  it('checks not-before and the algorithm of the credential', () => {
    const now = Date.now();
    const token = jwt({ nbf: Math.floor(now / 1000) + 100 }, 's');
    expect(() => verifyJwt(token, 's', 'HS256', now)).toThrow(/not valid yet/);
    expect(() => verifyJwt(jwt({}, 's'), 's', 'HS512', now)).toThrow(/HS512/);
  });
});
