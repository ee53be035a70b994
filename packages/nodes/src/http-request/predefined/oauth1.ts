import type { ParamsOf } from '@guixu/core';
import type { oAuth1ApiFields } from '../../credentials/o-auth1-api.credentials.ts';
import { type OAuth1Token, oauth1Signer } from '../../credentials/oauth1-client.ts';
import type { Authenticator } from '../auth.ts';
import { setHeader } from '../request-spec.ts';

type OAuth1Data = ParamsOf<typeof oAuth1ApiFields>;

/** The token a request is signed with: the one the sign-in stored, else the one entered, else none (two-legged). */
function tokenOf(c: OAuth1Data): OAuth1Token | undefined {
  if (c.oauthTokenData?.oauth_token) {
    return { key: c.oauthTokenData.oauth_token, secret: c.oauthTokenData.oauth_token_secret };
  }
  return c.accessToken ? { key: c.accessToken, secret: c.accessTokenSecret } : undefined;
}

/**
 * Signs each request with OAuth 1.0a (the `oauth-1.0a` library builds the base
 * string and header). The signature covers the method, the URL and its query
 * parameters; form-urlencoded body fields are not part of it (services that
 * need them signed should take the fields in the query).
 */
export function oauth1Auth(c: OAuth1Data): Authenticator {
  const sign = oauth1Signer(c);
  const token = tokenOf(c);
  return {
    apply: async () => {},
    authorizeRequest(method, url, headers) {
      setHeader(headers, 'authorization', sign({ method, url }, token));
    },
    refreshAfterUnauthorized: async () => false,
    secrets: [c.consumerSecret, token?.secret ?? ''].filter((s) => s.length > 0),
  };
}
