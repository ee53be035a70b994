import { createHash, randomBytes } from 'node:crypto';
import { checkParams, testNode, testNodeError } from '@guixu/core';
import { afterEach, describe, expect, it } from 'vitest';
import oAuth2Api from '../credentials/o-auth2-api.credentials.ts';
import type { OAuthTokenData } from '../credentials/oauth2-token-data.ts';
import httpRequest from './http-request.node.ts';
import { serverPool } from './test-support/harness.ts';
import { startServer } from './test-support/servers.ts';

/*
 * The authorization-code data path: a real local provider (authorize redirect,
 * token endpoint checking PKCE) connects the credential the way the server's
 * callback does, storing `oauthTokenData` in the server's shape; the HTTP
 * Request node then only reads that token.
 */

const pool = serverPool();
afterEach(() => pool.closeAll());

const REDIRECT = 'http://127.0.0.1:1/api/v1/oauth2/callback';

interface Provider {
  url: string;
  tokenRequests: URLSearchParams[];
  apiCalls: string[];
}

async function provider(options: { expiresIn?: number; refreshToken?: boolean } = {}): Promise<Provider> {
  const challenges = new Map<string, string>();
  const issued = new Set<string>();
  const tokenRequests: URLSearchParams[] = [];
  const apiCalls: string[] = [];
  const server = await pool.track(
    startServer((req, res, body) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/authorize') {
        // The user signed in and agreed: back to the redirect URI with a code bound to the challenge.
        const code = `code-${challenges.size + 1}`;
        challenges.set(code, url.searchParams.get('code_challenge') ?? '');
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        return res.writeHead(302, { location: back.toString() }).end();
      }
      if (url.pathname === '/token') {
        const form = new URLSearchParams(body.toString());
        tokenRequests.push(form);
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (
          form.get('grant_type') !== 'authorization_code' ||
          challenges.get(form.get('code') ?? '') !== challenge
        ) {
          return res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
        }
        const token = `at-${issued.size + 1}`;
        issued.add(token);
        return res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            access_token: token,
            token_type: 'bearer',
            expires_in: options.expiresIn ?? 3600,
            scope: 'read',
            ...(options.refreshToken === false ? {} : { refresh_token: 'rt-1' }),
          }),
        );
      }
      const auth = req.headers.authorization ?? '';
      apiCalls.push(auth);
      if (!issued.has(auth.replace(/^Bearer /, ''))) {
        return res.writeHead(401, { 'content-type': 'text/plain' }).end(`unknown token ${auth}`);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ auth }));
    }),
  );
  return { url: server.url, tokenRequests, apiCalls };
}

function credentialFor(p: Provider, grantType: 'authorizationCode' | 'pkce') {
  const authentication: 'header' | 'body' = grantType === 'pkce' ? 'body' : 'header';
  return {
    grantType,
    authUrl: `${p.url}/authorize`,
    accessTokenUrl: `${p.url}/token`,
    clientId: 'client-1',
    clientSecret: grantType === 'pkce' ? '' : 's3cret-client',
    scope: 'read',
    authQueryParameters: 'access_type=offline',
    authentication,
  };
}

/** What the server does between "Connect" and its callback, ending with the data it stores. */
async function connect(credential: ReturnType<typeof credentialFor>) {
  const verifier = randomBytes(48).toString('base64url');
  const authorize = new URL(credential.authUrl);
  authorize.searchParams.set('response_type', 'code');
  authorize.searchParams.set('client_id', credential.clientId);
  authorize.searchParams.set('redirect_uri', REDIRECT);
  authorize.searchParams.set('state', 'state-1');
  authorize.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
  authorize.searchParams.set('code_challenge_method', 'S256');
  const redirect = await fetch(authorize, { redirect: 'manual' });
  const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (credential.authentication === 'header') {
    headers.authorization = `Basic ${Buffer.from(`${credential.clientId}:${credential.clientSecret}`).toString('base64')}`;
  } else {
    form.set('client_id', credential.clientId);
  }
  const answer: unknown = await (
    await fetch(credential.accessTokenUrl, { method: 'POST', headers, body: form })
  ).json();
  if (!answer || typeof answer !== 'object' || !('access_token' in answer) || !('expires_in' in answer)) {
    throw new Error(`the provider answered ${JSON.stringify(answer)}`);
  }
  const refresh = 'refresh_token' in answer ? { refresh_token: String(answer.refresh_token) } : {};
  const oauthTokenData = {
    access_token: String(answer.access_token),
    token_type: 'bearer',
    ...refresh,
    expires_at: Date.now() + Number(answer.expires_in) * 1000,
    scope: 'read',
  };
  return { ...credential, oauthTokenData };
}

function request(url: string) {
  return { url, authentication: 'genericCredentialType', genericAuthType: 'oAuth2Api' };
}

describe('HTTP Request: OAuth2 authorization code (connected by the server)', () => {
  it('sends the stored access token as Bearer and never calls the token endpoint itself', async () => {
    const p = await provider();
    const connected = await connect(credentialFor(p, 'authorizationCode'));
    expect(p.tokenRequests).toHaveLength(1);
    // The server validates stored data against the credential type (its connection test does).
    expect(checkParams(oAuth2Api.fields, connected)).toEqual([]);
    const result = await testNode(httpRequest, {
      items: [{}, {}, {}],
      parameters: request(`${p.url}/me`),
      credentials: { oAuth2Api: connected },
    });
    expect(result.json[0]).toEqual([
      { auth: 'Bearer at-1' },
      { auth: 'Bearer at-1' },
      { auth: 'Bearer at-1' },
    ]);
    expect(p.apiCalls).toEqual(['Bearer at-1', 'Bearer at-1', 'Bearer at-1']);
    expect(p.tokenRequests).toHaveLength(1);
  });

  it('works the same for PKCE with a public client (no secret, client ID in the body)', async () => {
    const p = await provider({ refreshToken: false });
    const connected = await connect(credentialFor(p, 'pkce'));
    expect(p.tokenRequests[0]?.get('client_id')).toBe('client-1');
    expect(checkParams(oAuth2Api.fields, connected)).toEqual([]);
    const result = await testNode(httpRequest, {
      parameters: request(`${p.url}/me`),
      credentials: { oAuth2Api: connected },
    });
    expect(result.json).toEqual([[{ auth: 'Bearer at-1' }]]);
  });

  it('asks to connect the credential when it has no token yet', async () => {
    const p = await provider();
    for (const oauthTokenData of [undefined, {}, { access_token: '' }]) {
      const error = await testNodeError(httpRequest, {
        parameters: request(`${p.url}/me`),
        credentials: { oAuth2Api: { ...credentialFor(p, 'authorizationCode'), oauthTokenData } },
      });
      expect(error.code).toBe('CREDENTIAL_NOT_CONNECTED');
      expect(error.message).toBe('The OAuth2 credential "oAuth2Api" is not connected yet');
      expect(error.description).toBe(
        'Open the OAuth2 credential "oAuth2Api" in the editor and click "Connect" to sign in with the provider.',
      );
    }
    expect(p.apiCalls).toEqual([]);
  });

  it('asks to connect again when the token expired and cannot be refreshed', async () => {
    const p = await provider({ refreshToken: false });
    const connected = await connect(credentialFor(p, 'authorizationCode'));
    const expired = { ...connected, oauthTokenData: { ...connected.oauthTokenData, expires_at: 1_000 } };
    const error = await testNodeError(httpRequest, {
      parameters: request(`${p.url}/me`),
      credentials: { oAuth2Api: expired },
    });
    expect(error.code).toBe('OAUTH2_TOKEN_EXPIRED');
    expect(error.message).toBe(
      'The OAuth2 credential "oAuth2Api" has an access token that expired at 1970-01-01T00:00:01.000Z and no refresh token',
    );
    expect(p.apiCalls).toEqual([]);
  });

  it('fails on a 401 without retrying and keeps the tokens out of the message', async () => {
    const p = await provider();
    const connected = await connect(credentialFor(p, 'authorizationCode'));
    const revoked = {
      ...connected,
      oauthTokenData: { ...connected.oauthTokenData, access_token: 'revoked-token-value' },
    };
    const error = await testNodeError(httpRequest, {
      parameters: request(`${p.url}/me`),
      credentials: { oAuth2Api: revoked },
    });
    expect(error.code).toBe('HTTP_STATUS_401');
    expect(error.message).toContain('unknown token Bearer ***');
    expect(error.message).not.toContain('revoked-token-value');
    expect(p.apiCalls).toEqual(['Bearer revoked-token-value']);
    expect(p.tokenRequests).toHaveLength(1);
  });

  it('needs the authorization URL for these grants, not for client credentials', async () => {
    const p = await provider();
    const connected = await connect(credentialFor(p, 'authorizationCode'));
    const error = await testNodeError(httpRequest, {
      parameters: request(`${p.url}/me`),
      credentials: { oAuth2Api: { ...connected, authUrl: '' } },
    });
    expect(error.code).toBe('HTTP_CREDENTIAL_INVALID');
    expect(error.message).toBe(
      'The OAuth2 API credential is incomplete: field "authUrl" (Authorization URL) is required',
    );
  });
});

describe('OAuth2 credential test for the authorization-code grants', () => {
  const test = oAuth2Api.test;
  const run = async (oauthTokenData: OAuthTokenData | undefined) => {
    if (!test) throw new Error('oAuth2Api has no test');
    const p = await provider();
    const data = { ...credentialFor(p, 'authorizationCode'), oauthTokenData };
    return test(data, new AbortController().signal);
  };

  it('says whether the credential is connected and until when', async () => {
    expect(await run(undefined)).toEqual({
      ok: false,
      message: 'Not connected yet: save the credential, then click "Connect" to sign in with the provider',
    });
    const later = Date.UTC(2100, 0, 1);
    expect(await run({ access_token: 'a', refresh_token: 'r', expires_at: later })).toEqual({
      ok: true,
      message: 'Connected, access token valid until 2100-01-01T00:00:00.000Z; it is refreshed automatically',
    });
    expect(await run({ access_token: 'a' })).toEqual({
      ok: true,
      message: 'Connected (the token does not expire)',
    });
    expect(await run({ access_token: 'a', refresh_token: 'r', expires_at: 1_000 })).toMatchObject({
      ok: true,
    });
    expect(await run({ access_token: 'a', expires_at: 1_000 })).toEqual({
      ok: false,
      message:
        'The access token expired at 1970-01-01T00:00:01.000Z and there is no refresh token: connect again',
    });
  });
});
