import { defineCredentialType, GuixuError, p } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { type OAuth1TokenData, oauth1RequestToken, oauth1TokenDataSchema } from './oauth1-client.ts';

/**
 * n8n's `oAuth1Api` credential: "Connect" runs the three-legged sign-in on the
 * server, which stores the access token in `oauthTokenData` (n8n's name).
 * Deviation: an access token and secret from the provider's console can be
 * entered instead (or left empty for two-legged OAuth); a connected token wins.
 */
export const oAuth1ApiFields = {
  authUrl: p.string({ label: 'Authorization URL' }),
  accessTokenUrl: p.string({ label: 'Access Token URL' }),
  requestTokenUrl: p.string({ label: 'Request Token URL' }),
  consumerKey: p.string({ label: 'Consumer Key', required: true }),
  consumerSecret: p.string({ label: 'Consumer Secret', password: true, required: true }),
  accessToken: p.string({
    label: 'Access Token',
    description: 'oauth_token from the provider console; empty when connecting or for two-legged OAuth',
  }),
  accessTokenSecret: p.string({ label: 'Access Token Secret', password: true }),
  signatureMethod: p.options({
    label: 'Signature Method',
    options: [
      { value: 'HMAC-SHA1', label: 'HMAC-SHA1' },
      { value: 'HMAC-SHA256', label: 'HMAC-SHA256' },
      { value: 'HMAC-SHA512', label: 'HMAC-SHA512' },
    ],
    default: 'HMAC-SHA1',
  }),
  realm: p.string({ label: 'Realm', description: 'Sent in the Authorization header when set' }),
  oauthTokenData: p.custom<OAuth1TokenData | undefined>({
    kind: 'hidden',
    widget: 'hidden',
    label: 'OAuth Token Data',
    description:
      'Written by the server when the credential is connected; never shown or sent to the browser.',
    schema: oauth1TokenDataSchema.optional(),
    default: undefined,
    noExpression: true,
  }),
};

const shape = { name: 'oAuth1Api', displayName: 'OAuth1 API', fields: oAuth1ApiFields, secretFields: [] };

export default defineCredentialType({
  name: 'oAuth1Api',
  displayName: 'OAuth1 API',
  description:
    'OAuth 1.0a: each request is signed (HMAC-SHA1/256/512) with the consumer key and secret and the access token and its secret, in the "Authorization: OAuth …" header. "Connect" signs in with the provider (three-legged) and keeps the token on the server.',
  documentationUrl: 'https://oauth.net/core/1.0a/',
  fields: oAuth1ApiFields,
  secretFields: ['consumerSecret', 'accessTokenSecret', 'oauthTokenData'],
  /** A signed request-token call proves the consumer key and secret; it does not use the access token. */
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const c = read.data;
    if (c.requestTokenUrl.trim() === '') {
      return {
        ok: true,
        message:
          'Nothing to test against: set the Request Token URL to check the consumer key and secret; otherwise the first signed request shows whether the provider accepts them',
      };
    }
    try {
      await oauth1RequestToken(c, { requestTokenUrl: c.requestTokenUrl, callbackUrl: 'oob' }, { signal });
    } catch (error) {
      // Refusals, unreachable hosts and a URL that is not one: the message says which.
      if (error instanceof GuixuError) return { ok: false, message: error.message };
      throw error;
    }
    const host = new URL(c.requestTokenUrl.trim()).host;
    const state = c.oauthTokenData?.oauth_token
      ? '; the credential is connected'
      : c.accessToken
        ? ''
        : '; not connected yet: save the credential, then click "Connect" to sign in with the provider';
    return { ok: true, message: `${host} accepted the consumer key and secret${state}` };
  },
});
