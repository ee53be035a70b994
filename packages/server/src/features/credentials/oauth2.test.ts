import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type CredentialTypeDefinition, p } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, type Identity, json, setupOwner } from '../../security/testing/identities.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

/** An OAuth2 authorization-code credential shaped like n8n's oAuth2Api with the grant types it offers. */
const authCodeType: CredentialTypeDefinition = {
  name: 'testAuthCodeOAuth2',
  displayName: 'Test OAuth2 (authorization code)',
  fields: {
    grantType: p.options({
      label: 'Grant Type',
      options: [{ value: 'pkce', label: 'PKCE' }],
      default: 'pkce',
    }),
    authUrl: p.string({ label: 'Authorization URL', required: true }),
    accessTokenUrl: p.string({ label: 'Access Token URL', required: true }),
    clientId: p.string({ label: 'Client ID', required: true }),
    clientSecret: p.string({ label: 'Client Secret', password: true }),
    scope: p.string({ label: 'Scope' }),
  },
  secretFields: ['clientSecret'],
};

/** A real token endpoint that checks PKCE and rotates tokens. */
function tokenServer() {
  const challenges = new Map<string, string>();
  const seen: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const grant = form.get('grant_type') ?? '';
      seen.push(grant);
      // RFC 6749 §2.3.1: the id and secret are form-encoded before Base64, so the server decodes them.
      const basic = Buffer.from(String(req.headers.authorization).replace('Basic ', ''), 'base64').toString();
      const [id = '', secret = ''] = basic
        .split(':')
        .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
      res.setHeader('content-type', 'application/json');
      if (id !== 'client-1' || secret !== 's3cret-client') {
        res.statusCode = 401;
        return res.end(JSON.stringify({ error: 'invalid_client' }));
      }
      if (grant === 'authorization_code') {
        const challenge = challenges.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (challenge !== createHash('sha256').update(verifier).digest('base64url')) {
          res.statusCode = 400;
          return res.end(
            JSON.stringify({ error: 'invalid_grant', error_description: 'PKCE verification failed' }),
          );
        }
        return res.end(
          JSON.stringify({
            access_token: 'at-1',
            refresh_token: 'rt-1',
            expires_in: 1,
            token_type: 'Bearer',
          }),
        );
      }
      if (grant === 'refresh_token' && form.get('refresh_token') === 'rt-1') {
        return res.end(JSON.stringify({ access_token: 'at-2', expires_in: 3600, token_type: 'Bearer' }));
      }
      res.statusCode = 400;
      res.end(JSON.stringify({ error: 'unsupported_grant_type' }));
    });
  });
  return { server, challenges, seen };
}

describe.each(BACKENDS)('OAuth2 authorization code with PKCE on %s', (kind) => {
  let t: TestApp;
  let owner: Identity;
  let base = '';
  const provider = tokenServer();

  beforeAll(async () => {
    await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
    const address = provider.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const registry = await builtinNodes();
    if (!registry.credentialType(authCodeType.name)) registry.registerCredentialType(authCodeType);
    t = await createTestApp(kind, { registry });
    owner = await setupOwner(t.app);
  });
  afterAll(async () => {
    await t.dispose();
    await new Promise((resolve) => (provider.server as Server).close(resolve));
  });

  it('connects through the callback, hides the tokens and refreshes them for runs', async () => {
    const projectId = await createProject(t.app, owner, 'OAuth');
    const created = json(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/credentials',
        headers: owner.headers,
        payload: {
          name: 'Calendar',
          type: authCodeType.name,
          projectId,
          data: {
            grantType: 'pkce',
            authUrl: `${base}/authorize`,
            accessTokenUrl: `${base}/token`,
            clientId: 'client-1',
            clientSecret: 's3cret-client',
            scope: 'read',
          },
        },
      }),
    ) as { id: string };
    const start = await t.app.inject({
      method: 'POST',
      url: `/api/v1/credentials/${created.id}/oauth2/authorize`,
      headers: owner.headers,
    });
    expect(start.statusCode).toBe(200);
    const url = new URL((json(start) as { authorizationUrl: string }).authorizationUrl);
    expect(url.origin + url.pathname).toBe(`${base}/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    // The provider would now ask the user; it answers with a code bound to the challenge.
    provider.challenges.set('code-1', url.searchParams.get('code_challenge') ?? '');
    const state = url.searchParams.get('state') ?? '';

    const callback = await t.app.inject({
      method: 'GET',
      url: `/api/v1/oauth2/callback?code=code-1&state=${encodeURIComponent(state)}`,
    });
    expect(callback.statusCode).toBe(200);
    expect(callback.body).toContain('Connected');
    const replay = await t.app.inject({
      method: 'GET',
      url: `/api/v1/oauth2/callback?code=code-1&state=${encodeURIComponent(state)}`,
    });
    expect(replay.statusCode).toBe(400);
    expect(json(replay)).toMatchObject({ code: 'OAUTH2_CALLBACK_INVALID' });

    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/credentials/${created.id}`,
      headers: owner.headers,
    });
    expect(json(got)).toMatchObject({ connected: true });
    expect(got.body).not.toContain('at-1');
    expect(got.body).not.toContain('rt-1');

    // The token expires within the refresh margin: the run gets a fresh one, stored for the next run.
    const provided = await t.ctx.services
      .get('credentials')
      .providerFor({ projectId })
      .get({
        ref: { id: created.id, name: 'Calendar' },
        type: authCodeType.name,
        node: 'Calendar',
        executionId: 'e',
      });
    expect(provided.oauthTokenData).toMatchObject({ access_token: 'at-2', refresh_token: 'rt-1' });
    expect(provider.seen).toEqual(['authorization_code', 'refresh_token']);
  });

  it('names the provider refusal when the code does not match the PKCE challenge', async () => {
    const list = json(
      await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: owner.headers }),
    ) as { data: { id: string }[] };
    const start = await t.app.inject({
      method: 'POST',
      url: `/api/v1/credentials/${list.data[0].id}/oauth2/authorize`,
      headers: owner.headers,
    });
    const state =
      new URL((json(start) as { authorizationUrl: string }).authorizationUrl).searchParams.get('state') ?? '';
    provider.challenges.set('code-2', 'not-the-challenge');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/oauth2/callback?code=code-2&state=${encodeURIComponent(state)}`,
    });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({
      code: 'OAUTH2_TOKEN_FAILED',
      message: expect.stringContaining('PKCE verification failed'),
    });
  });
});
