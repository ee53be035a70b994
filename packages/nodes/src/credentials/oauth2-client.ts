import { GuixuError } from '@guixu/core';
import * as oauth from 'oauth4webapi';
import { readBody, send } from '../http-request/transport.ts';
import type { OAuthTokenData } from './oauth2-token-data.ts';

/**
 * The one OAuth2 token client, on oauth4webapi, shared by the HTTP Request node
 * (client credentials) and the server (authorization code with PKCE, refresh).
 * Client authentication is `client_secret_basic` ("header", the default) or
 * `client_secret_post` ("body"); without a secret the client is public (PKCE).
 */
export interface OAuth2Client {
  accessTokenUrl: string;
  /** Needed for the authorization URL only. */
  authUrl?: string;
  clientId: string;
  clientSecret?: string;
  authentication?: 'header' | 'body';
}

export interface TokenRequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  proxy?: string;
  rejectUnauthorized?: boolean;
  now?: () => number;
  /** Environment for HTTP_PROXY / HTTPS_PROXY / NO_PROXY when `proxy` is not set. */
  env?: Record<string, string | undefined>;
}

export interface AccessToken {
  accessToken: string;
  /** Epoch ms; absent when the server did not say. */
  expiresAt?: number;
  refreshToken?: string;
  tokenType: string;
  scope?: string;
}

function configInvalid(message: string, parameter: string): GuixuError {
  return new GuixuError('OAUTH2_CONFIG_INVALID', message, { parameter });
}

function endpoint(text: string | undefined, parameter: string, label: string): URL {
  const value = text?.trim() ?? '';
  if (value === '') throw configInvalid(`The OAuth2 credential has no ${label}`, parameter);
  try {
    return new URL(value);
  } catch {
    throw configInvalid(`The ${label} of the OAuth2 credential is not a URL: ${value}`, parameter);
  }
}

/** The token endpoint as oauth4webapi's "authorization server"; nothing is discovered. */
function server(client: OAuth2Client): oauth.AuthorizationServer {
  const token = endpoint(client.accessTokenUrl, 'accessTokenUrl', 'Access Token URL');
  return {
    issuer: token.origin,
    token_endpoint: token.href,
    ...(client.authUrl ? { authorization_endpoint: client.authUrl.trim() } : {}),
  };
}

function clientAuth(client: OAuth2Client): oauth.ClientAuth {
  const secret = client.clientSecret ?? '';
  if (secret === '') return oauth.None();
  return client.authentication === 'body' ? oauth.ClientSecretPost(secret) : oauth.ClientSecretBasic(secret);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/**
 * Tolerance for token endpoints that predate RFC 6749's JSON answer: a form-encoded
 * body becomes JSON, a missing `token_type` is Bearer, and an `id_token` (not used by
 * an OAuth2 credential, and not issued for a discovered issuer here) is dropped
 * before oauth4webapi reads the answer.
 */
function normalizedTokenBody(text: string, contentType: string): string {
  let fields: Record<string, unknown>;
  try {
    const parsed: unknown =
      contentType.includes('json') || text.trim().startsWith('{') ? JSON.parse(text) : null;
    fields =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed)
        ? { ...parsed }
        : Object.fromEntries(new URLSearchParams(text));
  } catch {
    fields = Object.fromEntries(new URLSearchParams(text));
  }
  if (typeof fields.access_token !== 'string') return text;
  fields.token_type ??= 'Bearer';
  delete fields.id_token;
  return JSON.stringify(fields);
}

interface Exchange {
  status?: number;
  text?: string;
}

/** Sends oauth4webapi's requests through the node transport (proxy, TLS, timeouts, its error codes). */
function transportFetch(options: TokenRequestOptions, seen: Exchange) {
  return async (target: string, init: oauth.CustomFetchOptions<string, unknown>): Promise<Response> => {
    const body = init.body === undefined || init.body === null ? undefined : String(init.body);
    const response = await send({
      method: init.method,
      url: target,
      headers: init.headers,
      ...(body === undefined ? {} : { body: { kind: 'bytes' as const, data: Buffer.from(body) } }),
      timeoutMs: options.timeoutMs ?? 30_000,
      followRedirects: true,
      maxRedirects: 5,
      proxy: options.proxy,
      proxyEnv: options.env,
      rejectUnauthorized: options.rejectUnauthorized ?? true,
      decompress: true,
      signal: options.signal,
    });
    const raw = (await readBody(response.body)).toString('utf8');
    const contentType = String(response.headers['content-type'] ?? '');
    seen.status = response.statusCode;
    seen.text = raw;
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    const text = ok ? normalizedTokenBody(raw, contentType) : raw;
    const json = ok || contentType.includes('json') || raw.trim().startsWith('{');
    return new Response(text, {
      status: response.statusCode,
      headers: { 'content-type': json ? 'application/json' : contentType || 'text/plain' },
    });
  };
}

function tokenFailed(url: string, seen: Exchange, error: unknown): GuixuError {
  if (error instanceof GuixuError) return error;
  const status = seen.status ?? 0;
  const answer =
    seen.text === undefined ? (error instanceof Error ? error.message : String(error)) : excerpt(seen.text);
  return new GuixuError(
    'OAUTH2_TOKEN_FAILED',
    `Could not get an OAuth2 access token from ${url}: ${status === 0 ? '' : `${status} `}${answer}`.trim(),
    {
      cause: error,
      details: { statusCode: status },
      retryable: status === 429 || status >= 500,
      description: 'Check the client ID, client secret, scope and token URL of the OAuth2 credential.',
    },
  );
}

type Grant = (
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  auth: oauth.ClientAuth,
  http: oauth.TokenEndpointRequestOptions,
) => Promise<Response>;

async function tokenRequest(
  client: OAuth2Client,
  grant: Grant,
  options: TokenRequestOptions,
): Promise<AccessToken> {
  const as = server(client);
  const oauthClient: oauth.Client = { client_id: client.clientId };
  const url = as.token_endpoint ?? client.accessTokenUrl;
  const seen: Exchange = {};
  const http: oauth.TokenEndpointRequestOptions = {
    [oauth.customFetch]: transportFetch(options, seen),
    // The credential names its own endpoints; plain HTTP is the user's choice, as for any HTTP Request.
    [oauth.allowInsecureRequests]: true,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  let answer: oauth.TokenEndpointResponse;
  try {
    const response = await grant(as, oauthClient, clientAuth(client), http);
    answer = await oauth.processGenericTokenEndpointResponse(as, oauthClient, response);
  } catch (error) {
    throw tokenFailed(url, seen, error);
  }
  const now = (options.now ?? Date.now)();
  return {
    accessToken: answer.access_token,
    tokenType: answer.token_type === 'bearer' ? 'Bearer' : answer.token_type,
    ...(answer.expires_in !== undefined && answer.expires_in > 0
      ? { expiresAt: now + answer.expires_in * 1000 }
      : {}),
    ...(answer.refresh_token ? { refreshToken: answer.refresh_token } : {}),
    ...(answer.scope ? { scope: answer.scope } : {}),
  };
}

/** RFC 6749 §4.4: the client's own token. */
export function clientCredentialsToken(
  client: OAuth2Client,
  scope: string,
  options: TokenRequestOptions = {},
): Promise<AccessToken> {
  const parameters = new URLSearchParams();
  if (scope.trim()) parameters.set('scope', scope.trim());
  return tokenRequest(
    client,
    (as, c, auth, http) => oauth.clientCredentialsGrantRequest(as, c, auth, parameters, http),
    options,
  );
}

/** RFC 6749 §4.1 with RFC 7636 PKCE: the code of the callback (whose `state` the caller has checked). */
export function authorizationCodeToken(
  client: OAuth2Client,
  callback: { code: string; redirectUri: string; verifier: string },
  options: TokenRequestOptions = {},
): Promise<AccessToken> {
  return tokenRequest(
    client,
    (as, c, auth, http) => {
      const params = oauth.validateAuthResponse(
        as,
        c,
        new URLSearchParams({ code: callback.code }),
        oauth.skipStateCheck,
      );
      return oauth.authorizationCodeGrantRequest(
        as,
        c,
        auth,
        params,
        callback.redirectUri,
        callback.verifier,
        http,
      );
    },
    options,
  );
}

/** RFC 6749 §6. */
export function refreshedToken(
  client: OAuth2Client,
  refreshToken: string,
  options: TokenRequestOptions = {},
): Promise<AccessToken> {
  return tokenRequest(
    client,
    (as, c, auth, http) => oauth.refreshTokenGrantRequest(as, c, auth, refreshToken, http),
    options,
  );
}

/** The provider's sign-in URL: code flow with an S256 PKCE challenge, the scope and any extra query. */
export async function authorizationUrl(
  client: OAuth2Client,
  request: { redirectUri: string; state: string; verifier: string; scope?: string; extraQuery?: string },
): Promise<string> {
  const url = endpoint(client.authUrl, 'authUrl', 'Authorization URL');
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('state', request.state);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(request.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  if (request.scope) url.searchParams.set('scope', request.scope);
  for (const [key, value] of new URLSearchParams(request.extraQuery ?? '')) url.searchParams.set(key, value);
  return url.toString();
}

/** The shape the server stores in a credential's `oauthTokenData` (n8n's names). */
export function tokenData(token: AccessToken): OAuthTokenData {
  return {
    access_token: token.accessToken,
    token_type: token.tokenType,
    ...(token.refreshToken ? { refresh_token: token.refreshToken } : {}),
    ...(token.expiresAt !== undefined ? { expires_at: token.expiresAt } : {}),
    ...(token.scope ? { scope: token.scope } : {}),
  };
}
