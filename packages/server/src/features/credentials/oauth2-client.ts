import { createHash } from 'node:crypto';
import { GuixuError } from '@guixu/core';
import { z } from 'zod';

/** Fields an OAuth2 authorization-code credential carries (n8n's oAuth2Api names). */
export const authCodeFieldsSchema = z.object({
  grantType: z.enum(['authorizationCode', 'pkce']),
  authUrl: z.string().url(),
  accessTokenUrl: z.string().url(),
  clientId: z.string().min(1),
  clientSecret: z.string().optional(),
  scope: z.string().optional(),
  authQueryParameters: z.string().optional(),
  authentication: z.enum(['header', 'body']).optional(),
});
export type AuthCodeFields = z.infer<typeof authCodeFieldsSchema>;

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  refresh_token: z.string().optional(),
  expires_in: z.coerce.number().optional(),
  scope: z.string().optional(),
});

export interface OAuthTokenData {
  access_token: string;
  token_type: string;
  refresh_token?: string;
  /** Epoch milliseconds. */
  expires_at?: number;
  scope?: string;
}

export const oauthTokenDataSchema = z.object({
  access_token: z.string(),
  token_type: z.string(),
  refresh_token: z.string().optional(),
  expires_at: z.number().optional(),
  scope: z.string().optional(),
});

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function authorizationUrl(
  fields: AuthCodeFields,
  options: { redirectUri: string; state: string; verifier: string },
): string {
  const url = new URL(fields.authUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', fields.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('state', options.state);
  url.searchParams.set('code_challenge', pkceChallenge(options.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  if (fields.scope) url.searchParams.set('scope', fields.scope);
  for (const [key, value] of new URLSearchParams(fields.authQueryParameters ?? ''))
    url.searchParams.set(key, value);
  return url.toString();
}

/** Calls the token endpoint (code exchange or refresh). Errors name the provider's answer, never the secret. */
export async function requestToken(
  fields: AuthCodeFields,
  params: Record<string, string>,
  signal?: AbortSignal,
): Promise<OAuthTokenData> {
  const body = new URLSearchParams(params);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if ((fields.authentication ?? 'header') === 'header' && fields.clientSecret) {
    const basic = `${encodeURIComponent(fields.clientId)}:${encodeURIComponent(fields.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
  } else {
    body.set('client_id', fields.clientId);
    if (fields.clientSecret) body.set('client_secret', fields.clientSecret);
  }
  let response: Response;
  try {
    response = await fetch(fields.accessTokenUrl, {
      method: 'POST',
      headers,
      body,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    throw new GuixuError('OAUTH2_TOKEN_FAILED', `Could not reach the token URL ${fields.accessTokenUrl}`, {
      cause: error,
    });
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = Object.fromEntries(new URLSearchParams(text));
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!response.ok || !parsed.success) {
    const reason = z.object({ error: z.string(), error_description: z.string().optional() }).safeParse(json);
    const detail = reason.success
      ? `${reason.data.error}${reason.data.error_description ? `: ${reason.data.error_description}` : ''}`
      : `HTTP ${response.status}`;
    throw new GuixuError('OAUTH2_TOKEN_FAILED', `The token endpoint refused the request (${detail})`, {
      details: { status: response.status },
    });
  }
  const t = parsed.data;
  return {
    access_token: t.access_token,
    token_type: t.token_type ?? 'Bearer',
    ...(t.refresh_token ? { refresh_token: t.refresh_token } : {}),
    ...(t.expires_in ? { expires_at: Date.now() + t.expires_in * 1000 } : {}),
    ...(t.scope ? { scope: t.scope } : {}),
  };
}
