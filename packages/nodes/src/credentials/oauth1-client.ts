import { createHmac } from 'node:crypto';
import { GuixuError } from '@guixu/core';
import OAuth from 'oauth-1.0a';
import { z } from 'zod';
import { readBody, send } from '../http-request/transport.ts';

/**
 * The one OAuth 1.0a signer (the `oauth-1.0a` library builds the base string
 * and the header), shared by the HTTP Request node and the three-legged
 * sign-in the server runs (request token, access token).
 */
export interface OAuth1Consumer {
  consumerKey: string;
  consumerSecret: string;
  signatureMethod: 'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512';
  realm?: string;
}

export interface OAuth1Token {
  key: string;
  secret: string;
}

export interface OAuth1RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** What the server stores in an `oAuth1Api` credential's `oauthTokenData` (n8n's names). */
export const oauth1TokenDataSchema = z
  .object({ oauth_token: z.string(), oauth_token_secret: z.string() })
  .catchall(z.string());
export type OAuth1TokenData = z.infer<typeof oauth1TokenDataSchema>;

const HASH = { 'HMAC-SHA1': 'sha1', 'HMAC-SHA256': 'sha256', 'HMAC-SHA512': 'sha512' } as const;

/** The `Authorization: OAuth …` value of one request; `oauthParams` (oauth_callback, oauth_verifier) are signed and sent in it. */
export type OAuth1Sign = (
  request: { method: string; url: string; oauthParams?: Record<string, string> },
  token?: OAuth1Token,
) => string;

export function oauth1Signer(consumer: OAuth1Consumer): OAuth1Sign {
  const algorithm = HASH[consumer.signatureMethod];
  const oauth = new OAuth({
    consumer: { key: consumer.consumerKey, secret: consumer.consumerSecret },
    signature_method: consumer.signatureMethod,
    ...(consumer.realm ? { realm: consumer.realm } : {}),
    hash_function: (base, key) => createHmac(algorithm, key).update(base).digest('base64'),
  });
  return ({ method, url, oauthParams = {} }, token) => {
    const signed = oauth.authorize({ url, method, data: { ...oauthParams } }, token);
    return oauth.toHeader({ ...signed, ...oauthParams }).Authorization;
  };
}

function configInvalid(message: string, parameter: string): GuixuError {
  return new GuixuError('OAUTH1_CONFIG_INVALID', message, { parameter });
}

function endpoint(text: string | undefined, parameter: string, label: string): URL {
  const value = text?.trim() ?? '';
  if (value === '') throw configInvalid(`The OAuth1 credential has no ${label}`, parameter);
  try {
    return new URL(value);
  } catch {
    throw configInvalid(`The ${label} of the OAuth1 credential is not a URL: ${value}`, parameter);
  }
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

interface TokenCall {
  url: URL;
  /** What the provider refuses on a 401/403, for the message. */
  refused: string;
  oauthParams: Record<string, string>;
  token?: OAuth1Token;
}

/** A signed POST to a token endpoint; the answer is form-encoded (RFC 5849 §2.1, §2.3). */
async function tokenRequest(
  consumer: OAuth1Consumer,
  call: TokenCall,
  options: OAuth1RequestOptions,
): Promise<OAuth1TokenData> {
  const sign = oauth1Signer(consumer);
  const authorization = sign(
    { method: 'POST', url: call.url.href, oauthParams: call.oauthParams },
    call.token,
  );
  const response = await send({
    method: 'POST',
    url: call.url.href,
    headers: { authorization, accept: 'application/x-www-form-urlencoded, text/plain, */*' },
    timeoutMs: options.timeoutMs ?? 30_000,
    // A redirect would change the signed URL.
    followRedirects: false,
    maxRedirects: 0,
    rejectUnauthorized: true,
    decompress: true,
    signal: options.signal,
  });
  const text = (await readBody(response.body)).toString('utf8');
  const status = response.statusCode;
  const host = call.url.host;
  const fail = (message: string) =>
    new GuixuError('OAUTH1_TOKEN_FAILED', message, {
      details: { statusCode: status, url: call.url.href },
      retryable: status === 429 || status >= 500,
      description: 'Check the consumer key and secret and the token URLs of the OAuth1 credential.',
    });
  if (status === 401 || status === 403) {
    throw fail(`${host} refused ${call.refused} (HTTP ${status}): ${excerpt(text) || 'no message'}`);
  }
  if (status < 200 || status >= 300) {
    throw fail(`${host} answered HTTP ${status} at ${call.url.href}: ${excerpt(text) || 'no message'}`);
  }
  const parsed = oauth1TokenDataSchema.safeParse(Object.fromEntries(new URLSearchParams(text)));
  if (!parsed.success) {
    throw fail(`${host} answered without "oauth_token" and "oauth_token_secret": ${excerpt(text)}`);
  }
  return parsed.data;
}

/** Step 1 of RFC 5849 §2: a temporary (request) token; `callbackUrl` is `oob` when there is none. */
export async function oauth1RequestToken(
  consumer: OAuth1Consumer,
  request: { requestTokenUrl: string; callbackUrl: string },
  options: OAuth1RequestOptions = {},
): Promise<OAuth1Token> {
  const answer = await tokenRequest(
    consumer,
    {
      url: endpoint(request.requestTokenUrl, 'requestTokenUrl', 'Request Token URL'),
      refused: 'the consumer key or secret',
      oauthParams: { oauth_callback: request.callbackUrl },
    },
    options,
  );
  return { key: answer.oauth_token, secret: answer.oauth_token_secret };
}

/** Where the user approves the request token (RFC 5849 §2.2). */
export function oauth1AuthorizeUrl(authUrl: string, requestToken: string): string {
  const url = endpoint(authUrl, 'authUrl', 'Authorization URL');
  url.searchParams.set('oauth_token', requestToken);
  return url.toString();
}

/** Step 3 of RFC 5849 §2: the approved request token and its verifier for the access token. */
export function oauth1AccessToken(
  consumer: OAuth1Consumer,
  request: { accessTokenUrl: string; requestToken: OAuth1Token; verifier: string },
  options: OAuth1RequestOptions = {},
): Promise<OAuth1TokenData> {
  return tokenRequest(
    consumer,
    {
      url: endpoint(request.accessTokenUrl, 'accessTokenUrl', 'Access Token URL'),
      refused: 'the request token or its verifier',
      oauthParams: { oauth_verifier: request.verifier },
      token: request.requestToken,
    },
    options,
  );
}
