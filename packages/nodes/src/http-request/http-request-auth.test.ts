import { testNode, testNodeError } from '@guixu/core';
import { afterEach, describe, expect, it } from 'vitest';
import oAuth2Api from '../credentials/o-auth2-api.credentials.ts';
import { builtinNodes } from '../index.ts';
import httpRequest from './http-request.node.ts';
import { queryOf, serverPool } from './test-support/harness.ts';
import { closedPort, startServer } from './test-support/servers.ts';

const pool = serverPool();
afterEach(() => pool.closeAll());

async function echoServer() {
  return pool.track(
    startServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          authorization: req.headers.authorization ?? null,
          key: req.headers['x-api-key'] ?? null,
          query: queryOf(req.url ?? '/'),
        }),
      );
    }),
  );
}

function generic(type: string, url: string) {
  return { url, authentication: 'genericCredentialType', genericAuthType: type };
}

/** An OAuth2 token endpoint plus an API that accepts only its latest token. */
async function oauthServers(options: { expiresIn?: number; rejectFirstToken?: boolean } = {}) {
  const tokenRequests: { authorization?: string; body: string }[] = [];
  let issued = 0;
  const token = await pool.track(
    startServer((req, res, body) => {
      tokenRequests.push({ authorization: req.headers.authorization, body: body.toString() });
      const form = new URLSearchParams(body.toString());
      const headerOk =
        req.headers.authorization === `Basic ${Buffer.from('client:s3cret').toString('base64')}`;
      const bodyOk = form.get('client_id') === 'client' && form.get('client_secret') === 's3cret';
      if (form.get('grant_type') !== 'client_credentials' || !(headerOk || bodyOk)) {
        return res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}');
      }
      issued++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          access_token: `token-${issued}`,
          token_type: 'bearer',
          expires_in: options.expiresIn ?? 3600,
        }),
      );
    }),
  );
  const apiCalls: string[] = [];
  const api = await pool.track(
    startServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      apiCalls.push(auth);
      const accepted = options.rejectFirstToken
        ? auth === `Bearer token-${issued}` && issued > 1
        : auth.startsWith('Bearer token-');
      if (!accepted) return res.writeHead(401).end('expired');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ auth }));
    }),
  );
  const credential = {
    grantType: 'clientCredentials',
    accessTokenUrl: `${token.url}/token`,
    clientId: 'client',
    clientSecret: 's3cret',
    scope: 'read write',
    authentication: 'header',
  };
  return { token, api, tokenRequests, apiCalls, credential };
}

describe('HTTP Request: authentication', () => {
  it('sends Basic, Header, Query and Bearer credentials', async () => {
    const server = await echoServer();
    const basic = await testNode(httpRequest, {
      parameters: generic('httpBasicAuth', server.url),
      credentials: { httpBasicAuth: { user: 'ada', password: 'pw' } },
    });
    expect(basic.json[0]?.[0]?.authorization).toBe(`Basic ${Buffer.from('ada:pw').toString('base64')}`);
    const header = await testNode(httpRequest, {
      parameters: generic('httpHeaderAuth', server.url),
      credentials: { httpHeaderAuth: { name: 'X-API-Key', value: 'k1' } },
    });
    expect(header.json[0]?.[0]?.key).toBe('k1');
    const query = await testNode(httpRequest, {
      parameters: { ...generic('httpQueryAuth', `${server.url}/?a=1`) },
      credentials: { httpQueryAuth: { name: 'api_key', value: 'q1' } },
    });
    expect(query.json[0]?.[0]?.query).toEqual({ a: ['1'], api_key: ['q1'] });
    const bearer = await testNode(httpRequest, {
      parameters: generic('httpBearerAuth', server.url),
      credentials: { httpBearerAuth: { token: 'tok' } },
    });
    expect(bearer.json[0]?.[0]?.authorization).toBe('Bearer tok');
  });

  it('reports a missing or incomplete credential clearly', async () => {
    const server = await echoServer();
    const missing = await testNodeError(httpRequest, { parameters: generic('httpBearerAuth', server.url) });
    expect(missing.code).toBe('CREDENTIAL_MISSING');
    const incomplete = await testNodeError(httpRequest, {
      parameters: generic('httpHeaderAuth', server.url),
      credentials: { httpHeaderAuth: { value: 'v' } },
    });
    expect(incomplete.message).toBe(
      'The Header Auth credential is incomplete: field "name" (Name) is required',
    );
    const predefined = await testNodeError(httpRequest, {
      parameters: {
        url: server.url,
        authentication: 'predefinedCredentialType',
        nodeCredentialType: 'stripeApi',
      },
    });
    expect(predefined.details?.code).toBe('HTTP_CREDENTIAL_TYPE_UNSUPPORTED');
    expect(predefined.message).toBe('Predefined credential type "stripeApi" is not supported yet');
  });

  it('keeps credential values out of error messages', async () => {
    const server = await pool.track(
      startServer((req, res) => res.writeHead(400).end(`bad key ${req.headers['x-api-key']}`)),
    );
    const error = await testNodeError(httpRequest, {
      parameters: generic('httpHeaderAuth', server.url),
      credentials: { httpHeaderAuth: { name: 'X-API-Key', value: 'super-secret' } },
    });
    expect(error.message).toContain('bad key ***');
    expect(error.message).not.toContain('super-secret');
  });

  it('fetches an OAuth2 client-credentials token once per run and sends it as Bearer', async () => {
    const { api, tokenRequests, apiCalls, credential } = await oauthServers();
    const result = await testNode(httpRequest, {
      items: [{}, {}, {}],
      parameters: generic('oAuth2Api', api.url),
      credentials: { oAuth2Api: credential },
    });
    expect(result.json[0]).toEqual([
      { auth: 'Bearer token-1' },
      { auth: 'Bearer token-1' },
      { auth: 'Bearer token-1' },
    ]);
    expect(tokenRequests).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(tokenRequests[0]?.body))).toEqual({
      grant_type: 'client_credentials',
      scope: 'read write',
    });
    expect(apiCalls).toHaveLength(3);
  });

  it('can send the client credentials in the body', async () => {
    const { api, tokenRequests, credential } = await oauthServers();
    await testNode(httpRequest, {
      parameters: generic('oAuth2Api', api.url),
      credentials: { oAuth2Api: { ...credential, authentication: 'body' } },
    });
    expect(tokenRequests[0]?.authorization).toBeUndefined();
    expect(new URLSearchParams(tokenRequests[0]?.body).get('client_secret')).toBe('s3cret');
  });

  it('refreshes the token once after a 401 and retries', async () => {
    const { api, tokenRequests, apiCalls, credential } = await oauthServers({ rejectFirstToken: true });
    const result = await testNode(httpRequest, {
      parameters: generic('oAuth2Api', api.url),
      credentials: { oAuth2Api: credential },
    });
    expect(result.json).toEqual([[{ auth: 'Bearer token-2' }]]);
    expect(tokenRequests).toHaveLength(2);
    expect(apiCalls).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('gives up after one refresh when the API keeps answering 401', async () => {
    const { tokenRequests, credential } = await oauthServers();
    const api = await pool.track(startServer((_req, res) => res.writeHead(401).end('nope')));
    const error = await testNodeError(httpRequest, {
      parameters: generic('oAuth2Api', api.url),
      credentials: { oAuth2Api: credential },
    });
    expect(error.code).toBe('HTTP_STATUS_401');
    expect(tokenRequests).toHaveLength(2);
  });

  it('reports a token endpoint that refuses the client', async () => {
    const { api, credential } = await oauthServers();
    const error = await testNodeError(httpRequest, {
      parameters: generic('oAuth2Api', api.url),
      credentials: { oAuth2Api: { ...credential, clientSecret: 'wrong' } },
    });
    expect(error.details?.code).toBe('OAUTH2_TOKEN_FAILED');
    expect(error.message).toContain('Could not get an OAuth2 access token from');
    expect(error.message).toContain('401 {"error":"invalid_client"}');
  });
});

describe('OAuth2 credential test', () => {
  it('succeeds with a working token endpoint and fails clearly otherwise', async () => {
    const { credential } = await oauthServers({ expiresIn: 60 });
    const test = oAuth2Api.test;
    if (!test) throw new Error('oAuth2Api has no test');
    const data = {
      ...credential,
      grantType: 'clientCredentials' as const,
      authentication: 'header' as const,
      authUrl: '',
      authQueryParameters: '',
      oauthTokenData: undefined,
    };
    const ok = await test(data, new AbortController().signal);
    expect(ok.ok).toBe(true);
    expect(ok.message).toMatch(/^Received an access token, valid until \d{4}-/);
    const port = await closedPort();
    await expect(
      test({ ...data, accessTokenUrl: `http://127.0.0.1:${port}/token` }, new AbortController().signal),
    ).rejects.toMatchObject({ code: 'HTTP_CONNECTION_REFUSED' });
  });

  it('reads data as the server stores it: fields left at their defaults are absent', async () => {
    const { credential, tokenRequests } = await oauthServers();
    // Through the registry, as the server's credential store calls it.
    const generic = (await builtinNodes()).credentialType('oAuth2Api');
    const signal = new AbortController().signal;
    const stored = { accessTokenUrl: credential.accessTokenUrl, clientId: 'client', clientSecret: 's3cret' };
    expect(await generic?.test?.(stored, signal)).toMatchObject({ ok: true });
    expect(Object.fromEntries(new URLSearchParams(tokenRequests[0]?.body))).toEqual({
      grant_type: 'client_credentials',
    });
    expect(await generic?.test?.({ clientId: 'client' }, signal)).toEqual({
      ok: false,
      message:
        'The OAuth2 API credential is incomplete: field "accessTokenUrl" (Access Token URL) is required',
    });
    expect(
      await generic?.test?.({ ...stored, grantType: 'pkce', authUrl: 'https://id.example/a' }, signal),
    ).toEqual({
      ok: false,
      message: 'Not connected yet: save the credential, then click "Connect" to sign in with the provider',
    });
  });
});
