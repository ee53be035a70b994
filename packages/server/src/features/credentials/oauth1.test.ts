import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type OAuth1Provider,
  startOAuth1Provider,
} from '../../../../nodes/src/credentials/testing/oauth1-provider.ts';
import {
  addMember,
  createProject,
  createUser,
  type Identity,
  json,
  setupOwner,
} from '../../security/testing/identities.ts';
import { createWorkflowIn, runWith } from '../../testing/ai-test-kit.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const CALLBACK_PATH = '/api/v1/oauth1/callback';

describe.each(BACKENDS)('OAuth1 three-legged sign-in on %s', (kind) => {
  let t: TestApp;
  let owner: Identity;
  let provider: OAuth1Provider;
  let projectId = '';

  beforeAll(async () => {
    provider = await startOAuth1Provider();
    t = await createTestApp(kind);
    owner = await setupOwner(t.app);
    projectId = await createProject(t.app, owner, 'OAuth1');
  });
  afterAll(async () => {
    await t.dispose();
    await provider.close();
  });

  const oauth1Data = (overrides: Record<string, unknown> = {}) => ({
    requestTokenUrl: `${provider.url}/oauth/request_token`,
    authUrl: `${provider.url}/oauth/authorize`,
    accessTokenUrl: `${provider.url}/oauth/access_token`,
    consumerKey: provider.consumerKey,
    consumerSecret: provider.consumerSecret,
    ...overrides,
  });

  async function createCredential(name: string, data: Record<string, unknown>, type = 'oAuth1Api') {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: owner.headers,
      payload: { name, type, projectId, data },
    });
    expect(res.statusCode, res.body).toBe(201);
    return (json(res) as { id: string }).id;
  }

  const start = (id: string, who: Identity = owner) =>
    t.app.inject({ method: 'POST', url: `/api/v1/credentials/${id}/oauth1/authorize`, headers: who.headers });

  /** Starts the sign-in and lets the provider approve it: the URL it sends the browser back to. */
  async function approvedCallback(id: string): Promise<URL> {
    const started = await start(id);
    expect(started.statusCode, started.body).toBe(200);
    const { authorizationUrl } = json(started) as { authorizationUrl: string };
    const consent = await fetch(authorizationUrl, { redirect: 'manual' });
    return new URL(consent.headers.get('location') ?? '');
  }

  /** The browser's request to the callback: no session, no API token. */
  const callback = (url: URL | string) =>
    t.raw.inject({ method: 'GET', url: typeof url === 'string' ? url : `${url.pathname}${url.search}` });

  const credentialTest = async (id: string) =>
    json(
      await t.app.inject({ method: 'POST', url: `/api/v1/credentials/${id}/test`, headers: owner.headers }),
    );

  it('connects, keeps the token out of every answer and signs a workflow run with it', async () => {
    const types = json(
      await t.app.inject({ method: 'GET', url: '/api/v1/credential-types', headers: owner.headers }),
    ) as { data: { name: string; oauth1: boolean; oauth2: boolean }[] };
    expect(types.data.find((ty) => ty.name === 'oAuth1Api')).toMatchObject({ oauth1: true, oauth2: false });
    expect(types.data.find((ty) => ty.name === 'oAuth2Api')).toMatchObject({ oauth1: false, oauth2: true });

    const id = await createCredential('Tumblr', oauth1Data());
    expect(await credentialTest(id)).toMatchObject({
      ok: true,
      message: expect.stringContaining('not connected yet'),
    });
    const started = await start(id);
    expect(started.statusCode).toBe(200);
    const body = json(started) as { authorizationUrl: string; callbackUrl: string };
    expect(body.callbackUrl).toBe(`${t.config.publicUrl}${CALLBACK_PATH}`);
    const authorize = new URL(body.authorizationUrl);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${provider.url}/oauth/authorize`);
    expect(started.body).not.toContain('oauth_token_secret');

    const consent = await fetch(body.authorizationUrl, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(body.callbackUrl);
    expect(back.searchParams.get('oauth_token')).toBe(authorize.searchParams.get('oauth_token'));
    const done = await callback(back);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.body).toContain('Connected');
    const replay = await callback(back);
    expect(replay.statusCode).toBe(400);
    expect(json(replay)).toMatchObject({ code: 'OAUTH1_CALLBACK_INVALID' });

    const issued = provider.issued.at(-1);
    if (!issued) throw new Error('the provider issued no access token');
    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/credentials/${id}`,
      headers: owner.headers,
    });
    expect(json(got)).toMatchObject({ connected: true, data: { consumerSecret: '__guixu_secret__' } });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: owner.headers });
    for (const answer of [got.body, list.body, done.body]) {
      expect(answer).not.toContain(issued.token);
      expect(answer).not.toContain(issued.secret);
    }
    const row = await t.ctx.services.get('credentials').row(id);
    expect(row.data).not.toContain(issued.secret);
    expect(t.ctx.services.get('credentials').decrypt(row).oauthTokenData).toEqual({
      oauth_token: issued.token,
      oauth_token_secret: issued.secret,
      user_id: '42',
    });
    expect(await credentialTest(id)).toMatchObject({
      ok: true,
      message: expect.stringContaining('connected'),
    });

    const workflowId = await createWorkflowIn(t.app, owner, projectId, {
      name: 'Signed call',
      nodes: [
        {
          id: 'n0',
          name: 'Start',
          type: 'guixu.manualTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
        {
          id: 'n1',
          name: 'Who am I',
          type: 'guixu.httpRequest',
          typeVersion: 1,
          position: [200, 0],
          parameters: {
            url: `${provider.url}/api/me?count=2`,
            authentication: 'genericCredentialType',
            genericAuthType: 'oAuth1Api',
          },
          credentials: { oAuth1Api: { id, name: 'Tumblr' } },
        },
      ],
      connections: { Start: { main: [[{ node: 'Who am I', type: 'main', index: 0 }]] } },
      settings: {},
    });
    const run = await runWith(t.app, owner, workflowId, {});
    expect(run.status, JSON.stringify(run.error)).toBe('success');
    expect(run.items?.[0]?.json).toEqual({ user: 'ada', path: '/api/me', query: { count: '2' } });
  });

  it('refuses an unknown, forged or replayed callback and names a wrong verifier', async () => {
    for (const url of [CALLBACK_PATH, `${CALLBACK_PATH}?state=made-up&oauth_token=rt&oauth_verifier=v`]) {
      const res = await callback(url);
      expect(res.statusCode).toBe(400);
      expect(json(res)).toMatchObject({
        code: 'OAUTH1_CALLBACK_INVALID',
        message: 'This sign-in link is unknown or expired; start again from the credential',
      });
    }
    const id = await createCredential('Forged', oauth1Data());
    const exchanges = () => provider.calls.filter((c) => c === 'POST /oauth/access_token').length;
    const before = exchanges();
    const back = await approvedCallback(id);
    // Someone else's request token with this flow's state: refused, and the flow is spent.
    const forged = new URL(back);
    forged.searchParams.set('oauth_token', 'rt-someone-else');
    const refused = await callback(forged);
    expect(json(refused)).toMatchObject({
      code: 'OAUTH1_CALLBACK_INVALID',
      message: 'The callback does not belong to this sign-in; start again from the credential',
    });
    expect((await callback(back)).statusCode).toBe(400);
    expect(exchanges()).toBe(before);

    const again = await approvedCallback(id);
    again.searchParams.set('oauth_verifier', 'not-the-verifier');
    const wrong = await callback(again);
    expect(wrong.statusCode).toBe(400);
    expect(json(wrong)).toMatchObject({
      code: 'OAUTH1_TOKEN_FAILED',
      message: expect.stringContaining(
        'refused the request token or its verifier (HTTP 401): oauth_problem=verifier_invalid',
      ),
    });
    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/credentials/${id}`,
      headers: owner.headers,
    });
    expect(json(got)).toMatchObject({ connected: false });

    const declined = await approvedCallback(id);
    declined.searchParams.delete('oauth_verifier');
    declined.searchParams.set('denied', declined.searchParams.get('oauth_token') ?? '');
    expect(json(await callback(declined))).toMatchObject({
      code: 'OAUTH1_CALLBACK_INVALID',
      message: 'The sign-in was declined at the provider',
    });
  });

  it('lets only editors of the credential start, and names what is missing or refused', async () => {
    const id = await createCredential('Guarded', oauth1Data());
    const outsider = await createUser(t.app, owner, `outsider-${kind}@example.com`);
    const viewer = await createUser(t.app, owner, `viewer-${kind}@example.com`);
    const elsewhere = await createProject(t.app, owner, 'Elsewhere');
    await addMember(t.app, owner, elsewhere, outsider.userId, 'editor');
    await addMember(t.app, owner, projectId, viewer.userId, 'viewer');
    const requestTokens = () => provider.calls.filter((c) => c === 'POST /oauth/request_token').length;
    const before = requestTokens();
    const hidden = await start(id, outsider);
    expect(hidden.statusCode).toBe(404);
    expect(json(hidden)).toMatchObject({ code: 'CREDENTIAL_NOT_FOUND' });
    const readOnly = await start(id, viewer);
    expect(readOnly.statusCode).toBe(403);
    expect(requestTokens()).toBe(before);

    const basic = await createCredential('Basic', { user: 'u', password: 'p' }, 'httpBasicAuth');
    expect(json(await start(basic))).toMatchObject({ code: 'CREDENTIAL_NOT_OAUTH1' });
    const noUrls = await createCredential('No URLs', oauth1Data({ requestTokenUrl: '', accessTokenUrl: '' }));
    const missing = await start(noUrls);
    expect(missing.statusCode).toBe(400);
    expect(json(missing)).toMatchObject({
      code: 'OAUTH1_CONFIG_INVALID',
      message:
        "The OAuth1 credential needs the Request Token URL and the Access Token URL to connect; enter the provider's URLs and save it first",
    });

    const wrongSecret = await createCredential('Wrong secret', oauth1Data({ consumerSecret: 'not-it' }));
    const refused = await start(wrongSecret);
    expect(refused.statusCode).toBe(400);
    const message = `${new URL(provider.url).host} refused the consumer key or secret (HTTP 401): oauth_problem=signature_invalid`;
    expect(json(refused)).toMatchObject({ code: 'OAUTH1_TOKEN_FAILED', message });
    expect(await credentialTest(wrongSecret)).toEqual({ ok: false, message });
  });
});
