import { GuixuError, type ParamsOf, toFormFields } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import httpRequest from '../http-request/http-request.node.ts';
import { runNodeWorkflow } from '../shared/testing/run-node-workflow.ts';
import oAuth1Api, { type oAuth1ApiFields } from './o-auth1-api.credentials.ts';
import {
  type OAuth1Consumer,
  oauth1AccessToken,
  oauth1AuthorizeUrl,
  oauth1RequestToken,
} from './oauth1-client.ts';
import { type OAuth1Provider, startOAuth1Provider } from './testing/oauth1-provider.ts';

let provider: OAuth1Provider;
beforeAll(async () => {
  provider = await startOAuth1Provider();
});
afterAll(() => provider.close());

const signal = AbortSignal.timeout(10_000);
const consumer = (): OAuth1Consumer => ({
  consumerKey: provider.consumerKey,
  consumerSecret: provider.consumerSecret,
  signatureMethod: 'HMAC-SHA1',
});
const urls = () => ({
  requestTokenUrl: `${provider.url}/oauth/request_token`,
  authUrl: `${provider.url}/oauth/authorize`,
  accessTokenUrl: `${provider.url}/oauth/access_token`,
});

/** Credential data with every field at its default unless given. */
const entered = (data: Partial<ParamsOf<typeof oAuth1ApiFields>>): ParamsOf<typeof oAuth1ApiFields> => ({
  authUrl: '',
  accessTokenUrl: '',
  requestTokenUrl: '',
  consumerKey: '',
  consumerSecret: '',
  accessToken: '',
  accessTokenSecret: '',
  signatureMethod: 'HMAC-SHA1',
  realm: '',
  oauthTokenData: undefined,
  ...data,
});

/** What the provider's authorize page sends the browser back with. */
async function approve(requestToken: string): Promise<URL> {
  const res = await fetch(oauth1AuthorizeUrl(urls().authUrl, requestToken), { redirect: 'manual' });
  return new URL(res.headers.get('location') ?? '');
}

async function refusal(promise: Promise<unknown>): Promise<GuixuError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GuixuError)) throw new Error(`expected a GuixuError, got ${String(error)}`);
  return error;
}

describe('OAuth1 API credential type', () => {
  it('keeps the token of the sign-in in a hidden secret field that is never an expression', () => {
    const field = toFormFields(oAuth1Api.fields).find((f) => f.name === 'oauthTokenData');
    expect(field).toMatchObject({ kind: 'hidden', widget: 'hidden', noExpression: true });
    expect(oAuth1Api.secretFields).toEqual(['consumerSecret', 'accessTokenSecret', 'oauthTokenData']);
  });

  it('test: a signed request-token call proves the consumer key and secret', async () => {
    const data = entered({
      consumerKey: provider.consumerKey,
      consumerSecret: provider.consumerSecret,
      ...urls(),
    });
    const host = new URL(provider.url).host;
    expect(await oAuth1Api.test?.(data, signal)).toEqual({
      ok: true,
      message: `${host} accepted the consumer key and secret; not connected yet: save the credential, then click "Connect" to sign in with the provider`,
    });
    const connected = { ...data, oauthTokenData: { oauth_token: 'at', oauth_token_secret: 'ats' } };
    expect((await oAuth1Api.test?.(connected, signal))?.message).toBe(
      `${host} accepted the consumer key and secret; the credential is connected`,
    );
    expect(await oAuth1Api.test?.({ ...data, consumerSecret: 'wrong' }, signal)).toEqual({
      ok: false,
      message: `${host} refused the consumer key or secret (HTTP 401): oauth_problem=signature_invalid`,
    });
    expect(await oAuth1Api.test?.({ ...data, consumerKey: 'someone-else' }, signal)).toEqual({
      ok: false,
      message: `${host} refused the consumer key or secret (HTTP 401): oauth_problem=consumer_key_unknown`,
    });
  });

  it('test: without a Request Token URL there is nothing to try, and it says so', async () => {
    const result = await oAuth1Api.test?.(entered({ consumerKey: 'ck', consumerSecret: 'cs' }), signal);
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining('Nothing to test against') });
    const unreachable = await oAuth1Api.test?.(
      entered({
        consumerKey: 'ck',
        consumerSecret: 'cs',
        requestTokenUrl: 'http://127.0.0.1:1/request_token',
      }),
      signal,
    );
    expect(unreachable).toMatchObject({ ok: false, message: expect.stringContaining('127.0.0.1:1') });
  });
});

describe('OAuth1 three-legged sign-in against a real provider', () => {
  it('gets an access token that signs an HTTP Request the provider accepts', async () => {
    const requestToken = await oauth1RequestToken(consumer(), {
      requestTokenUrl: urls().requestTokenUrl,
      callbackUrl: 'http://127.0.0.1:1/api/v1/oauth1/callback?state=s1',
    });
    const back = await approve(requestToken.key);
    expect(back.searchParams.get('state')).toBe('s1');
    expect(back.searchParams.get('oauth_token')).toBe(requestToken.key);
    const verifier = back.searchParams.get('oauth_verifier') ?? '';
    const token = await oauth1AccessToken(consumer(), {
      accessTokenUrl: urls().accessTokenUrl,
      requestToken,
      verifier,
    });
    const issued = provider.issued.at(-1);
    expect(token).toEqual({ oauth_token: issued?.token, oauth_token_secret: issued?.secret, user_id: '42' });

    const credential = {
      consumerKey: provider.consumerKey,
      consumerSecret: provider.consumerSecret,
      oauthTokenData: token,
    };
    const parameters = {
      url: `${provider.url}/api/me?q=${encodeURIComponent("it's (ok)*")}`,
      authentication: 'genericCredentialType',
      genericAuthType: 'oAuth1Api',
    };
    const run = await runNodeWorkflow({
      definition: httpRequest,
      parameters,
      items: [{}, {}],
      credential: { slot: 'oAuth1Api', data: credential },
    });
    expect(run.status).toBe('success');
    expect(run.output).toEqual([
      { user: 'ada', path: '/api/me', query: { q: "it's (ok)*" } },
      { user: 'ada', path: '/api/me', query: { q: "it's (ok)*" } },
    ]);
    // The connected token wins over one typed in; a wrong token secret is refused.
    const typed = await runNodeWorkflow({
      definition: httpRequest,
      parameters,
      credential: {
        slot: 'oAuth1Api',
        data: { ...credential, accessToken: 'old', accessTokenSecret: 'old' },
      },
    });
    expect(typed.status).toBe('success');
    const forged = await runNodeWorkflow({
      definition: httpRequest,
      parameters,
      credential: {
        slot: 'oAuth1Api',
        data: { ...credential, oauthTokenData: { ...token, oauth_token_secret: 'guess' } },
      },
    });
    expect(forged.status).toBe('error');
    expect(forged.error?.message).toContain('401');
    expect(JSON.stringify(forged.error)).not.toContain(token.oauth_token_secret);
  });

  it('the provider refuses a bad signature, a wrong verifier and a request token used twice', async () => {
    const requestToken = await oauth1RequestToken(consumer(), {
      requestTokenUrl: urls().requestTokenUrl,
      callbackUrl: 'http://127.0.0.1:1/callback',
    });
    const verifier = (await approve(requestToken.key)).searchParams.get('oauth_verifier') ?? '';
    const exchange = (v: string, secret = requestToken.secret) =>
      oauth1AccessToken(consumer(), {
        accessTokenUrl: urls().accessTokenUrl,
        requestToken: { key: requestToken.key, secret },
        verifier: v,
      });
    expect((await refusal(exchange(verifier, 'guess'))).message).toContain('oauth_problem=signature_invalid');
    const wrong = await refusal(exchange('not-the-verifier'));
    expect(wrong.code).toBe('OAUTH1_TOKEN_FAILED');
    expect(wrong.message).toContain(
      'refused the request token or its verifier (HTTP 401): oauth_problem=verifier_invalid',
    );
    expect((await exchange(verifier)).oauth_token).toBe(provider.issued.at(-1)?.token);
    expect((await refusal(exchange(verifier))).message).toContain('oauth_problem=token_rejected');
  });

  it('names a missing URL before calling anyone', async () => {
    const missing = await refusal(
      oauth1RequestToken(consumer(), { requestTokenUrl: ' ', callbackUrl: 'oob' }),
    );
    expect(missing).toMatchObject({
      code: 'OAUTH1_CONFIG_INVALID',
      parameter: 'requestTokenUrl',
      message: 'The OAuth1 credential has no Request Token URL',
    });
    expect(() => oauth1AuthorizeUrl('', 'rt')).toThrow('The OAuth1 credential has no Authorization URL');
  });
});
