import { defineCredentialType, p } from '@guixu/core';

/**
 * n8n's `oAuth1Api` credential. Deviation: the access token and its secret are
 * entered (from the provider's developer console) instead of being obtained
 * through a three-legged sign-in; the request, authorization and access token
 * URLs are kept for imports and later use.
 */
export const oAuth1ApiFields = {
  authUrl: p.string({ label: 'Authorization URL' }),
  accessTokenUrl: p.string({ label: 'Access Token URL' }),
  requestTokenUrl: p.string({ label: 'Request Token URL' }),
  consumerKey: p.string({ label: 'Consumer Key', required: true }),
  consumerSecret: p.string({ label: 'Consumer Secret', password: true, required: true }),
  accessToken: p.string({ label: 'Access Token', description: 'oauth_token; empty for two-legged OAuth' }),
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
};

export default defineCredentialType({
  name: 'oAuth1Api',
  displayName: 'OAuth1 API',
  description:
    'OAuth 1.0a: each request is signed (HMAC-SHA1/256/512) with the consumer key and secret and the access token and its secret, in the "Authorization: OAuth …" header.',
  documentationUrl: 'https://oauth.net/core/1.0a/',
  fields: oAuth1ApiFields,
  secretFields: ['consumerSecret', 'accessTokenSecret'],
});
