import { createHmac } from 'node:crypto';
import { testNode, testNodeError } from '@guixu/core';
import { afterEach, describe, expect, it } from 'vitest';
import erpNextApi from '../../credentials/erp-next-api.credentials.ts';
import googlePalmApi from '../../credentials/google-palm-api.credentials.ts';
import qdrantApi from '../../credentials/qdrant-api.credentials.ts';
import wordpressApi from '../../credentials/wordpress-api.credentials.ts';
import { runNodeWorkflow } from '../../shared/testing/run-node-workflow.ts';
import httpRequest from '../http-request.node.ts';
import { queryOf, serverPool } from '../test-support/harness.ts';
import { startServer } from '../test-support/servers.ts';
import { PREDEFINED_CREDENTIAL_TYPES } from './registry.ts';

const pool = serverPool();
afterEach(() => pool.closeAll());

async function echoServer() {
  return pool.track(
    startServer((req, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ headers: req.headers, query: queryOf(req.url ?? '/') }));
    }),
  );
}

function predefined(type: string, url: string) {
  return { url, authentication: 'predefinedCredentialType', nodeCredentialType: type };
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Each type's credential data and what the service expects on the wire (n8n's `authenticate`). */
const cases: {
  type: string;
  data: Record<string, unknown>;
  header?: [string, string];
  extraHeader?: [string, string];
  query?: [string, string];
}[] = [
  { type: 'cloudflareApi', data: { apiToken: 'cf' }, header: ['authorization', 'Bearer cf'] },
  { type: 'qdrantApi', data: { apiKey: 'qd', qdrantUrl: 'http://q' }, header: ['api-key', 'qd'] },
  { type: 'openAiApi', data: { apiKey: 'sk-1' }, header: ['authorization', 'Bearer sk-1'] },
  {
    type: 'erpNextApi',
    data: { apiKey: 'k', apiSecret: 's', environment: 'selfHosted', domainOrHostname: 'http://erp' },
    header: ['authorization', 'token k:s'],
  },
  { type: 'googlePalmApi', data: { apiKey: 'gk' }, query: ['key', 'gk'] },
  {
    type: 'wordpressApi',
    data: { username: 'ada', password: 'app pw', url: 'http://wp' },
    header: ['authorization', basic('ada', 'app pw')],
  },
  {
    type: 'whatsAppApi',
    data: { accessToken: 'wa', businessAccountId: '1' },
    header: ['authorization', 'Bearer wa'],
  },
  { type: 'airtableTokenApi', data: { accessToken: 'pat' }, header: ['authorization', 'Bearer pat'] },
  { type: 'hubspotAppToken', data: { appToken: 'hs' }, header: ['authorization', 'Bearer hs'] },
  { type: 'slackApi', data: { accessToken: 'xoxb' }, header: ['authorization', 'Bearer xoxb'] },
  { type: 'discordBotApi', data: { botToken: 'db' }, header: ['authorization', 'Bot db'] },
  { type: 'mistralCloudApi', data: { apiKey: 'mi' }, header: ['authorization', 'Bearer mi'] },
  { type: 'virusTotalApi', data: { accessToken: 'vt' }, header: ['x-apikey', 'vt'] },
  {
    type: 'notionApi',
    data: { apiKey: 'secret_n' },
    header: ['authorization', 'Bearer secret_n'],
    extraHeader: ['notion-version', '2022-02-22'],
  },
  { type: 'lemlistApi', data: { apiKey: 'lm' }, header: ['authorization', basic('', 'lm')] },
];

describe('HTTP Request: predefined credential types', () => {
  it.each(cases)('$type authenticates as the service expects (through a workflow run)', async (c) => {
    const server = await echoServer();
    const run = await runNodeWorkflow({
      definition: httpRequest,
      parameters: predefined(c.type, `${server.url}/v1/things?a=1`),
      credential: { slot: c.type, data: c.data },
    });
    expect(run.status).toBe('success');
    const seen = run.output[0] as { headers: Record<string, string>; query: Record<string, string[]> };
    if (c.header) expect(seen.headers[c.header[0]]).toBe(c.header[1]);
    if (c.extraHeader) expect(seen.headers[c.extraHeader[0]]).toBe(c.extraHeader[1]);
    expect(seen.query.a).toEqual(['1']);
    if (c.query) expect(seen.query[c.query[0]]).toEqual([c.query[1]]);
  });

  it('covers at least ten types, and every case above is registered', () => {
    expect(PREDEFINED_CREDENTIAL_TYPES.length).toBeGreaterThanOrEqual(10);
    for (const c of cases) expect(PREDEFINED_CREDENTIAL_TYPES).toContain(c.type);
  });

  it('sends a connected service OAuth2 token as Bearer, and says when it is not connected', async () => {
    const server = await echoServer();
    const connected = await testNode(httpRequest, {
      parameters: predefined('googleOAuth2Api', server.url),
      credentials: {
        googleOAuth2Api: {
          clientId: 'id',
          clientSecret: 'cs',
          oauthTokenData: { access_token: 'ya29', token_type: 'Bearer' },
        },
      },
    });
    expect(connected.json[0]?.[0]?.headers).toMatchObject({ authorization: 'Bearer ya29' });
    const notConnected = await testNodeError(httpRequest, {
      parameters: predefined('gmailOAuth2', server.url),
      credentials: { gmailOAuth2: { clientId: 'id', clientSecret: 'cs' } },
    });
    expect(notConnected.details?.code).toBe('CREDENTIAL_NOT_CONNECTED');
  });

  it('fails clearly for an unsupported type and for incomplete data', async () => {
    const server = await echoServer();
    const unsupported = await testNodeError(httpRequest, {
      parameters: predefined('stripeApi', server.url),
    });
    expect(unsupported.details?.code).toBe('HTTP_CREDENTIAL_TYPE_UNSUPPORTED');
    const incomplete = await testNodeError(httpRequest, {
      parameters: predefined('notionApi', server.url),
      credentials: { notionApi: {} },
    });
    expect(incomplete.message).toContain('The Notion API credential is incomplete');
  });
});

describe('service credentials: test connection', () => {
  const signal = new AbortController().signal;

  it('accepts the right secret and names a wrong one', async () => {
    const server = await pool.track(
      startServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        const ok =
          (url.pathname === '/collections' && req.headers['api-key'] === 'good') ||
          (url.pathname === '/api/resource/DocType' && req.headers.authorization === 'token k:good') ||
          (url.pathname === '/v1beta/models' && url.searchParams.get('key') === 'good') ||
          (url.pathname === '/wp-json/wp/v2/users' && req.headers.authorization === basic('ada', 'good'));
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end('{}');
      }),
    );
    expect(await qdrantApi.test?.({ apiKey: 'good', qdrantUrl: server.url }, signal)).toMatchObject({
      ok: true,
    });
    const wrong = await qdrantApi.test?.({ apiKey: 'bad', qdrantUrl: server.url }, signal);
    expect(wrong?.ok).toBe(false);
    expect(wrong?.message).toContain('refused the credential (HTTP 401)');
    expect(await googlePalmApi.test?.({ apiKey: 'good', host: server.url }, signal)).toMatchObject({
      ok: true,
    });
    expect(
      await wordpressApi.test?.({ username: 'ada', password: 'good', url: `${server.url}/` }, signal),
    ).toMatchObject({ ok: true });
    const erp = {
      apiKey: 'k',
      environment: 'selfHosted' as const,
      subdomain: '',
      domain: 'erpnext.com' as const,
      domainOrHostname: server.url,
    };
    expect(await erpNextApi.test?.({ ...erp, apiSecret: 'good' }, signal)).toMatchObject({ ok: true });
    expect(await erpNextApi.test?.({ ...erp, apiSecret: 'bad' }, signal)).toMatchObject({ ok: false });
    const unreachable = await qdrantApi.test?.({ apiKey: 'x', qdrantUrl: 'http://127.0.0.1:1' }, signal);
    expect(unreachable?.ok).toBe(false);
    expect(unreachable?.message).toContain('Could not reach 127.0.0.1:1');
  });
});

/** RFC 5849 §3.4 computed here independently of the library the node uses. */
function verifyOAuth1(method: string, url: URL, header: string, consumerSecret: string, tokenSecret: string) {
  const enc = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  const oauth = Object.fromEntries(
    [...header.replace(/^OAuth /, '').matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [
      m[1],
      decodeURIComponent(m[2] ?? ''),
    ]),
  ) as Record<string, string>;
  const params: [string, string][] = [...url.searchParams.entries()];
  for (const [k, v] of Object.entries(oauth))
    if (k !== 'oauth_signature' && k !== 'realm') params.push([k, v]);
  const normalized = params
    .map(([k, v]) => [enc(k), enc(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const base = [method, enc(`${url.origin}${url.pathname}`), enc(normalized)].join('&');
  const expected = createHmac('sha1', `${enc(consumerSecret)}&${enc(tokenSecret)}`)
    .update(base)
    .digest('base64');
  return { valid: expected === oauth.oauth_signature, oauth };
}

describe('HTTP Request: OAuth1', () => {
  it('signs with HMAC-SHA1 as a server verifying RFC 5849 expects, and a wrong secret is refused', async () => {
    const seen: string[] = [];
    const server = await pool.track(
      startServer((req, res) => {
        const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
        const check = verifyOAuth1(
          req.method ?? 'GET',
          url,
          req.headers.authorization ?? '',
          'c-secret',
          't-secret',
        );
        seen.push(check.oauth.oauth_nonce ?? '');
        const ok =
          check.valid &&
          check.oauth.oauth_consumer_key === 'ck' &&
          check.oauth.oauth_token === 'tk' &&
          check.oauth.oauth_signature_method === 'HMAC-SHA1';
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify({ ok }));
      }),
    );
    const credential = {
      consumerKey: 'ck',
      consumerSecret: 'c-secret',
      accessToken: 'tk',
      accessTokenSecret: 't-secret',
    };
    const generic = {
      method: 'POST',
      url: `${server.url}/1.1/statuses/update.json?status=${encodeURIComponent('Hello Ladies + Gentlemen, a signed OAuth request!')}&include_entities=true`,
      authentication: 'genericCredentialType',
      genericAuthType: 'oAuth1Api',
      sendQuery: true,
      queryParameters: { parameters: [{ name: 'extra', value: "it's (ok)*" }] },
    };
    const run = await runNodeWorkflow({
      definition: httpRequest,
      parameters: generic,
      items: [{}, {}],
      credential: { slot: 'oAuth1Api', data: credential },
    });
    expect(run.status).toBe('success');
    expect(run.output).toEqual([{ ok: true }, { ok: true }]);
    expect(new Set(seen).size).toBe(2); // a fresh nonce per request
    const viaPredefined = await runNodeWorkflow({
      definition: httpRequest,
      parameters: predefined('oAuth1Api', `${server.url}/x`),
      credential: { slot: 'oAuth1Api', data: credential },
    });
    expect(viaPredefined.output).toEqual([{ ok: true }]);
    const wrong = await runNodeWorkflow({
      definition: httpRequest,
      parameters: generic,
      credential: { slot: 'oAuth1Api', data: { ...credential, consumerSecret: 'nope' } },
    });
    expect(wrong.status).toBe('error');
    expect(wrong.error?.message).toContain('401');
    expect(wrong.error?.message).not.toContain('nope');
  });
});
