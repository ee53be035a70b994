import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { clientCredentialsToken } from './oauth2-client.ts';
import { describeStoredToken, type OAuthTokenData, oauthTokenDataSchema } from './oauth2-token-data.ts';

/*
 * n8n's oAuth2Api fields and names. Deviations: `grantType` defaults to
 * `clientCredentials` (credentials stored before the other grants existed have
 * no grantType); dynamic client registration, JWE and "ignore SSL issues" are
 * not offered; `clientSecret` is optional (PKCE public clients have none).
 */

const userGrants = { show: { grantType: ['authorizationCode', 'pkce'] } };

export const oAuth2ApiFields = {
  grantType: p.options({
    label: 'Grant Type',
    options: [
      {
        value: 'authorizationCode',
        label: 'Authorization Code',
        description: 'A user signs in with the provider once; the server keeps and refreshes the token.',
      },
      {
        value: 'clientCredentials',
        label: 'Client Credentials',
        description: 'The client ID and secret are exchanged for a token on every run.',
      },
      {
        value: 'pkce',
        label: 'PKCE',
        description: 'Authorization Code with a proof key, for providers that require PKCE.',
      },
    ],
    default: 'clientCredentials',
  }),
  authUrl: p.string({
    label: 'Authorization URL',
    required: true,
    placeholder: 'https://…/oauth/authorize',
    displayOptions: userGrants,
  }),
  accessTokenUrl: p.string({
    label: 'Access Token URL',
    required: true,
    placeholder: 'https://…/oauth/token',
  }),
  clientId: p.string({ label: 'Client ID', required: true }),
  clientSecret: p.string({ label: 'Client Secret', password: true }),
  scope: p.string({ label: 'Scope', description: 'Space-separated scopes to request.' }),
  authQueryParameters: p.string({
    label: 'Auth URI Query Parameters',
    description: 'Extra query parameters for the authorization URL some providers need.',
    placeholder: 'access_type=offline',
    displayOptions: userGrants,
  }),
  authentication: p.options({
    label: 'Authentication',
    options: [
      {
        value: 'header',
        label: 'Header',
        description:
          'Send credentials as Basic Auth header (client_secret_basic: the ID and secret are form-encoded first, as RFC 6749 says)',
      },
      { value: 'body', label: 'Body', description: 'Send credentials in body (client_secret_post)' },
    ],
    default: 'header',
  }),
  oauthTokenData: p.custom<OAuthTokenData | undefined>({
    kind: 'hidden',
    widget: 'hidden',
    label: 'OAuth Token Data',
    description:
      'Written by the server when the credential is connected; never shown or sent to the browser.',
    schema: oauthTokenDataSchema.optional(),
    default: undefined,
    noExpression: true,
    displayOptions: userGrants,
  }),
};

const userGrantTypes: readonly unknown[] = userGrants.show.grantType;
const shape = { name: 'oAuth2Api', displayName: 'OAuth2 API', fields: oAuth2ApiFields, secretFields: [] };

export default defineCredentialType({
  name: 'oAuth2Api',
  displayName: 'OAuth2 API',
  description:
    'OAuth2 access tokens sent as "Authorization: Bearer …": fetched with the client credentials on each run, or obtained once by connecting the credential (Authorization Code, PKCE) and refreshed by the server.',
  fields: oAuth2ApiFields,
  secretFields: ['clientSecret', 'oauthTokenData'],
  async test(raw, signal) {
    // The server passes stored data as entered: fields left at their defaults are absent.
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const data = read.data;
    if (userGrantTypes.includes(data.grantType)) return describeStoredToken(data.oauthTokenData);
    const token = await clientCredentialsToken(data, data.scope, { signal });
    const expiry =
      token.expiresAt === undefined ? '' : `, valid until ${new Date(token.expiresAt).toISOString()}`;
    return { ok: true, message: `Received an access token${expiry}` };
  },
});
