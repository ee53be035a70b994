import { GuixuError, type ParamsOf } from '@guixu/core';
import type { oAuth2ApiFields } from '../credentials/o-auth2-api.credentials.ts';
import { proxyFromEnv } from './env-proxy.ts';
import { readBody, send } from './transport.ts';

/** OAuth2 client credentials grant (RFC 6749 §4.4): fetch a token, cache it, refresh on demand. */
export type OAuth2Credentials = Pick<
  ParamsOf<typeof oAuth2ApiFields>,
  'accessTokenUrl' | 'clientId' | 'clientSecret' | 'scope' | 'authentication'
>;

export interface OAuth2Token {
  accessToken: string;
  /** Epoch ms; absent when the server did not say. */
  expiresAt?: number;
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

const EXPIRY_MARGIN_MS = 30_000;

export async function fetchClientCredentialsToken(
  credentials: OAuth2Credentials,
  options: TokenRequestOptions = {},
): Promise<OAuth2Token> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  const scope = credentials.scope.trim();
  if (scope) form.set('scope', scope);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (credentials.authentication === 'body') {
    form.set('client_id', credentials.clientId);
    form.set('client_secret', credentials.clientSecret);
  } else {
    const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
    headers.authorization = `Basic ${basic}`;
  }
  const url = credentials.accessTokenUrl.trim();
  if (!url) {
    throw new GuixuError('OAUTH2_CONFIG_INVALID', 'The OAuth2 credential has no Access Token URL', {
      parameter: 'accessTokenUrl',
    });
  }
  const response = await send({
    method: 'POST',
    url,
    headers,
    body: { kind: 'bytes', data: Buffer.from(form.toString()) },
    timeoutMs: options.timeoutMs ?? 30_000,
    followRedirects: true,
    maxRedirects: 5,
    proxy: options.proxy ?? (options.env ? proxyFromEnv(url, options.env) : undefined),
    rejectUnauthorized: options.rejectUnauthorized ?? true,
    decompress: true,
    signal: options.signal,
  });
  const text = (await readBody(response.body)).toString('utf8');
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw new GuixuError(
      'OAUTH2_TOKEN_FAILED',
      `Could not get an OAuth2 access token from ${url}: ${response.statusCode} ${excerpt(text)}`.trim(),
      {
        details: { statusCode: response.statusCode },
        retryable: response.statusCode === 429 || response.statusCode >= 500,
        description: 'Check the client ID, client secret, scope and token URL of the OAuth2 credential.',
      },
    );
  }
  return parseTokenResponse(
    text,
    String(response.headers['content-type'] ?? ''),
    url,
    options.now ?? Date.now,
  );
}

function parseTokenResponse(text: string, contentType: string, url: string, now: () => number): OAuth2Token {
  let fields: Record<string, unknown> = {};
  if (contentType.includes('application/x-www-form-urlencoded')) {
    fields = Object.fromEntries(new URLSearchParams(text));
  } else {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) fields = { ...parsed };
    } catch {
      fields = Object.fromEntries(new URLSearchParams(text));
    }
  }
  const accessToken = fields.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new GuixuError(
      'OAUTH2_TOKEN_INVALID',
      `The token endpoint ${url} answered without an access_token`,
      {
        details: { received: Object.keys(fields) },
      },
    );
  }
  const token: OAuth2Token = { accessToken };
  const expiresIn = Number(fields.expires_in);
  if (Number.isFinite(expiresIn) && expiresIn > 0) token.expiresAt = now() + expiresIn * 1000;
  return token;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/**
 * A token shared by all requests of one node run. Concurrent callers wait for
 * the same fetch; `refresh` replaces a token the server rejected.
 */
export class OAuth2Session {
  private current: Promise<OAuth2Token> | undefined;

  constructor(
    private readonly credentials: OAuth2Credentials,
    private readonly options: TokenRequestOptions,
  ) {}

  async token(): Promise<string> {
    const now = this.options.now ?? Date.now;
    if (this.current) {
      const token = await this.current.catch(() => undefined);
      if (token && (token.expiresAt === undefined || token.expiresAt - EXPIRY_MARGIN_MS > now())) {
        return token.accessToken;
      }
      if (token) this.current = undefined;
    }
    return (await this.fetch()).accessToken;
  }

  /** Drops `rejected` (if still current) and fetches a new token. */
  async refresh(rejected: string): Promise<string> {
    const token = await this.current?.catch(() => undefined);
    if (token && token.accessToken !== rejected) return token.accessToken;
    this.current = undefined;
    return (await this.fetch()).accessToken;
  }

  private fetch(): Promise<OAuth2Token> {
    this.current ??= fetchClientCredentialsToken(this.credentials, this.options);
    const pending = this.current;
    pending.catch(() => {
      if (this.current === pending) this.current = undefined;
    });
    return pending;
  }
}
