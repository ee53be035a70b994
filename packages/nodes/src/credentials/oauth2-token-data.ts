import { NodeOperationError } from '@guixu/core';
import { z } from 'zod';

/**
 * The token the server stores inside an authorization-code credential after the
 * OAuth2 callback (`oauthTokenData`, n8n's name). The server refreshes it before
 * a run when it expires within a minute; nodes only read it.
 */
export const oauthTokenDataSchema = z
  .object({
    access_token: z.string().optional(),
    token_type: z.string().optional(),
    refresh_token: z.string().optional(),
    /** Epoch milliseconds. */
    expires_at: z.number().optional(),
    scope: z.string().optional(),
  })
  .loose();

export type OAuthTokenData = z.infer<typeof oauthTokenDataSchema>;

export interface StoredToken {
  accessToken: string;
  /** Values to keep out of messages. */
  secrets: string[];
}

interface ReadOptions {
  nodeName: string;
  /** The credential's name in the workflow, for the message. */
  credentialName?: string;
  now?: () => number;
}

function connectHint(name: string | undefined): string {
  const which = name ? `"${name}"` : 'of this node';
  return `Open the OAuth2 credential ${which} in the editor and click "Connect" to sign in with the provider.`;
}

/** The access token of a connected credential, or a user error saying how to connect it. */
export function readStoredToken(data: OAuthTokenData | undefined, options: ReadOptions): StoredToken {
  const name = options.credentialName;
  const label = name ? `The OAuth2 credential "${name}"` : 'The OAuth2 credential';
  const accessToken = data?.access_token ?? '';
  if (accessToken === '') {
    throw new NodeOperationError(options.nodeName, `${label} is not connected yet`, {
      description: connectHint(name),
      details: { code: 'CREDENTIAL_NOT_CONNECTED', credentialType: 'oAuth2Api' },
    });
  }
  const refreshToken = data?.refresh_token ?? '';
  const expiresAt = data?.expires_at;
  const now = options.now ?? Date.now;
  // With a refresh token the server renews it before the run; without one only a new sign-in helps.
  if (expiresAt !== undefined && expiresAt <= now() && refreshToken === '') {
    throw new NodeOperationError(
      options.nodeName,
      `${label} has an access token that expired at ${new Date(expiresAt).toISOString()} and no refresh token`,
      {
        description: connectHint(name),
        details: { code: 'OAUTH2_TOKEN_EXPIRED', credentialType: 'oAuth2Api' },
      },
    );
  }
  return { accessToken, secrets: [accessToken, refreshToken].filter((s) => s !== '') };
}

/** The connection test of an authorization-code credential: is it connected, and until when. */
export function describeStoredToken(data: OAuthTokenData | undefined, now = Date.now()) {
  if (!data?.access_token) {
    return {
      ok: false,
      message: 'Not connected yet: save the credential, then click "Connect" to sign in with the provider',
    };
  }
  const refreshable = Boolean(data.refresh_token);
  if (data.expires_at === undefined) return { ok: true, message: 'Connected (the token does not expire)' };
  const until = new Date(data.expires_at).toISOString();
  if (data.expires_at > now) {
    const renewal = refreshable ? '; it is refreshed automatically' : '';
    return { ok: true, message: `Connected, access token valid until ${until}${renewal}` };
  }
  return refreshable
    ? {
        ok: true,
        message: `Connected; the access token expired at ${until} and is refreshed on the next run`,
      }
    : {
        ok: false,
        message: `The access token expired at ${until} and there is no refresh token: connect again`,
      };
}
