import { defineCredentialType, p } from '@guixu/core';
import { fetchClientCredentialsToken } from '../http-request/oauth2.ts';

export const oAuth2ApiFields = {
  grantType: p.options({
    label: 'Grant Type',
    options: [{ value: 'clientCredentials', label: 'Client Credentials' }],
    default: 'clientCredentials',
    description: 'Authorization Code comes with the server, which has to receive the redirect.',
  }),
  accessTokenUrl: p.string({
    label: 'Access Token URL',
    required: true,
    placeholder: 'https://…/oauth/token',
  }),
  clientId: p.string({ label: 'Client ID', required: true }),
  clientSecret: p.string({ label: 'Client Secret', password: true }),
  scope: p.string({ label: 'Scope', description: 'Space-separated scopes to request.' }),
  authentication: p.options({
    label: 'Authentication',
    options: [
      { value: 'header', label: 'Send credentials as Basic Auth header' },
      { value: 'body', label: 'Send credentials in body' },
    ],
    default: 'header',
  }),
};

export default defineCredentialType({
  name: 'oAuth2Api',
  displayName: 'OAuth2 API',
  description: 'OAuth2 client credentials: a token is fetched from the token URL and sent as a Bearer token.',
  fields: oAuth2ApiFields,
  secretFields: ['clientSecret'],
  async test(data, signal) {
    const token = await fetchClientCredentialsToken(data, { signal });
    const expiry =
      token.expiresAt === undefined ? '' : `, valid until ${new Date(token.expiresAt).toISOString()}`;
    return { ok: true, message: `Received an access token${expiry}` };
  },
});
