import type { ParamsOf } from '@guixu/core';
import type { oAuth2ApiFields } from '../credentials/o-auth2-api.credentials.ts';
import {
  type AccessToken,
  clientCredentialsToken,
  type TokenRequestOptions,
} from '../credentials/oauth2-client.ts';

export type { TokenRequestOptions } from '../credentials/oauth2-client.ts';

/** What the client credentials grant (RFC 6749 §4.4) needs of an oAuth2Api credential. */
export type OAuth2Credentials = Pick<
  ParamsOf<typeof oAuth2ApiFields>,
  'accessTokenUrl' | 'clientId' | 'clientSecret' | 'scope' | 'authentication'
>;

const EXPIRY_MARGIN_MS = 30_000;

/**
 * A client-credentials token shared by all requests of one node run. Concurrent
 * callers wait for the same fetch; `refresh` replaces a token the server rejected.
 */
export class OAuth2Session {
  private current: Promise<AccessToken> | undefined;

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

  private fetch(): Promise<AccessToken> {
    this.current ??= clientCredentialsToken(this.credentials, this.credentials.scope, this.options);
    const pending = this.current;
    pending.catch(() => {
      if (this.current === pending) this.current = undefined;
    });
    return pending;
  }
}
