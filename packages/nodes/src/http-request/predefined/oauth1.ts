import { createHmac } from 'node:crypto';
import type { ParamsOf } from '@guixu/core';
import OAuth from 'oauth-1.0a';
import type { oAuth1ApiFields } from '../../credentials/o-auth1-api.credentials.ts';
import type { Authenticator } from '../auth.ts';
import { setHeader } from '../request-spec.ts';

type OAuth1Data = ParamsOf<typeof oAuth1ApiFields>;

const HASH = { 'HMAC-SHA1': 'sha1', 'HMAC-SHA256': 'sha256', 'HMAC-SHA512': 'sha512' } as const;

/**
 * Signs each request with OAuth 1.0a (the `oauth-1.0a` library builds the base
 * string and header). The signature covers the method, the URL and its query
 * parameters; form-urlencoded body fields are not part of it (services that
 * need them signed should take the fields in the query).
 */
export function oauth1Auth(c: OAuth1Data): Authenticator {
  const algorithm = HASH[c.signatureMethod];
  const oauth = new OAuth({
    consumer: { key: c.consumerKey, secret: c.consumerSecret },
    signature_method: c.signatureMethod,
    ...(c.realm ? { realm: c.realm } : {}),
    hash_function: (base, key) => createHmac(algorithm, key).update(base).digest('base64'),
  });
  const token = c.accessToken ? { key: c.accessToken, secret: c.accessTokenSecret } : undefined;
  return {
    apply: async () => {},
    authorizeRequest(method, url, headers) {
      const signed = oauth.toHeader(oauth.authorize({ url, method }, token));
      setHeader(headers, 'authorization', signed.Authorization);
    },
    refreshAfterUnauthorized: async () => false,
    secrets: [c.consumerSecret, c.accessTokenSecret].filter((s) => s.length > 0),
  };
}
