import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { serverPool } from '../http-request/test-support/harness.ts';
import { startServer } from '../http-request/test-support/servers.ts';
import {
  authorizationCodeToken,
  authorizationUrl,
  clientCredentialsToken,
  refreshedToken,
  tokenData,
} from './oauth2-client.ts';

const pool = serverPool();
afterEach(() => pool.closeAll());

interface Seen {
  authorization?: string;
  form: Record<string, string>;
}

/** A token endpoint that records each request and answers what `answer` returns. */
async function tokenEndpoint(
  answer: (form: URLSearchParams) => { status?: number; type?: string; body: string },
) {
  const seen: Seen[] = [];
  const server = await pool.track(
    startServer((req, res, body) => {
      const form = new URLSearchParams(body.toString());
      seen.push({ authorization: req.headers.authorization, form: Object.fromEntries(form) });
      const a = answer(form);
      res.writeHead(a.status ?? 200, { 'content-type': a.type ?? 'application/json' }).end(a.body);
    }),
  );
  return { url: `${server.url}/token`, seen };
}

const bearer = (extra: Record<string, unknown> = {}) => ({
  body: JSON.stringify({ access_token: 'at', token_type: 'Bearer', expires_in: 60, ...extra }),
});

describe('the shared OAuth2 token client', () => {
  it('client_secret_basic form-encodes the id and secret before Base64 (RFC 6749 §2.3.1)', async () => {
    const endpoint = await tokenEndpoint(() => bearer());
    const client = { accessTokenUrl: endpoint.url, clientId: 'my client', clientSecret: 'p@ss:wörd' };
    const token = await clientCredentialsToken(client, 'read write', { now: () => 1_000 });
    expect(token).toEqual({ accessToken: 'at', tokenType: 'Bearer', expiresAt: 61_000 });
    const expected = Buffer.from('my+client:p%40ss%3Aw%C3%B6rd').toString('base64');
    expect(endpoint.seen).toEqual([
      { authorization: `Basic ${expected}`, form: { grant_type: 'client_credentials', scope: 'read write' } },
    ]);
  });

  it('client_secret_post sends them in the body; a public client sends only its id', async () => {
    const endpoint = await tokenEndpoint(() => bearer());
    const base = { accessTokenUrl: endpoint.url, clientId: 'c' };
    await clientCredentialsToken({ ...base, clientSecret: 's', authentication: 'body' }, '');
    await clientCredentialsToken({ ...base, clientSecret: '' }, '');
    expect(endpoint.seen).toEqual([
      { form: { grant_type: 'client_credentials', client_id: 'c', client_secret: 's' } },
      { form: { grant_type: 'client_credentials', client_id: 'c' } },
    ]);
  });

  it('exchanges an authorization code with its PKCE verifier, then refreshes', async () => {
    const verifier = 'v'.repeat(43);
    const endpoint = await tokenEndpoint((form) =>
      form.get('grant_type') === 'authorization_code'
        ? bearer({ refresh_token: 'rt-1', scope: 'a b' })
        : bearer({ access_token: 'at-2' }),
    );
    const client = {
      accessTokenUrl: endpoint.url,
      authUrl: 'https://id.example/authorize?prompt=consent',
      clientId: 'c',
      clientSecret: 's',
    };
    const url = new URL(
      await authorizationUrl(client, {
        redirectUri: 'https://guixu.example/cb',
        state: 'st',
        verifier,
        scope: 'a b',
        extraQuery: 'access_type=offline',
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      prompt: 'consent',
      response_type: 'code',
      client_id: 'c',
      redirect_uri: 'https://guixu.example/cb',
      state: 'st',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      scope: 'a b',
      access_type: 'offline',
    });
    const first = await authorizationCodeToken(client, {
      code: 'code-1',
      redirectUri: 'https://guixu.example/cb',
      verifier,
    });
    expect(tokenData(first)).toMatchObject({ access_token: 'at', refresh_token: 'rt-1', scope: 'a b' });
    const second = await refreshedToken(client, 'rt-1');
    expect(second.accessToken).toBe('at-2');
    expect(endpoint.seen.map((s) => s.form)).toEqual([
      {
        grant_type: 'authorization_code',
        code: 'code-1',
        redirect_uri: 'https://guixu.example/cb',
        code_verifier: verifier,
      },
      { grant_type: 'refresh_token', refresh_token: 'rt-1' },
    ]);
  });

  it('reads a form-encoded answer without token_type and ignores an id_token', async () => {
    const endpoint = await tokenEndpoint(() => ({
      type: 'application/x-www-form-urlencoded',
      body: 'access_token=legacy&expires_in=30&id_token=not.a.jwt',
    }));
    const token = await clientCredentialsToken({ accessTokenUrl: endpoint.url, clientId: 'c' }, '', {
      now: () => 0,
    });
    expect(token).toEqual({ accessToken: 'legacy', tokenType: 'Bearer', expiresAt: 30_000 });
  });

  it('names the provider refusal, and marks 429 and 5xx as retryable', async () => {
    const refusing = await tokenEndpoint(() => ({
      status: 400,
      body: JSON.stringify({ error: 'invalid_grant', error_description: 'PKCE verification failed' }),
    }));
    const refusal = clientCredentialsToken({ accessTokenUrl: refusing.url, clientId: 'c' }, '');
    await expect(refusal).rejects.toMatchObject({
      code: 'OAUTH2_TOKEN_FAILED',
      retryable: false,
      message: expect.stringContaining(
        '400 {"error":"invalid_grant","error_description":"PKCE verification failed"}',
      ),
    });
    const busy = await tokenEndpoint(() => ({ status: 503, type: 'text/html', body: '<h1>busy</h1>' }));
    await expect(
      clientCredentialsToken({ accessTokenUrl: busy.url, clientId: 'c' }, ''),
    ).rejects.toMatchObject({
      code: 'OAUTH2_TOKEN_FAILED',
      retryable: true,
      message: expect.stringContaining('503 <h1>busy</h1>'),
    });
    const noToken = await tokenEndpoint(() => ({ body: '{"token_type":"Bearer"}' }));
    await expect(
      clientCredentialsToken({ accessTokenUrl: noToken.url, clientId: 'c' }, ''),
    ).rejects.toMatchObject({
      code: 'OAUTH2_TOKEN_FAILED',
    });
    await expect(clientCredentialsToken({ accessTokenUrl: ' ', clientId: 'c' }, '')).rejects.toMatchObject({
      code: 'OAUTH2_CONFIG_INVALID',
    });
  });
});
