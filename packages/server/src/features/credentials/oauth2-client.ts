import type { OAuth2Client } from '@guixu/nodes';
import { z } from 'zod';

/**
 * What the server reads of an OAuth2 authorization-code credential (n8n's oAuth2Api
 * names). The token requests themselves go through the one client in @guixu/nodes.
 */
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

/** The token stored in `oauthTokenData` after the callback. */
export const oauthTokenDataSchema = z.object({
  access_token: z.string(),
  token_type: z.string(),
  refresh_token: z.string().optional(),
  /** Epoch milliseconds. */
  expires_at: z.number().optional(),
  scope: z.string().optional(),
});

export function clientOf(fields: AuthCodeFields): OAuth2Client {
  return {
    accessTokenUrl: fields.accessTokenUrl,
    authUrl: fields.authUrl,
    clientId: fields.clientId,
    ...(fields.clientSecret ? { clientSecret: fields.clientSecret } : {}),
    authentication: fields.authentication ?? 'header',
  };
}
