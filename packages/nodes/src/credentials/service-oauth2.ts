import { defineCredentialType, type Param } from '@guixu/core';
import oAuth2Api, { oAuth2ApiFields } from './o-auth2-api.credentials.ts';

/**
 * n8n's service OAuth2 credentials (googleOAuth2Api, slackOAuth2Api, …) are
 * oAuth2Api with the provider's URLs and scopes filled in; they connect and
 * refresh the same way (the server recognises OAuth2 types by their fields).
 */
export function serviceOAuth2(service: {
  name: string;
  displayName: string;
  authUrl: string;
  accessTokenUrl: string;
  scope: string;
  authQueryParameters?: string;
  documentationUrl?: string;
}) {
  const fields: typeof oAuth2ApiFields = {
    ...oAuth2ApiFields,
    grantType: withDefault(oAuth2ApiFields.grantType, 'authorizationCode'),
    authUrl: withDefault(oAuth2ApiFields.authUrl, service.authUrl),
    accessTokenUrl: withDefault(oAuth2ApiFields.accessTokenUrl, service.accessTokenUrl),
    scope: withDefault(oAuth2ApiFields.scope, service.scope),
    authQueryParameters: withDefault(oAuth2ApiFields.authQueryParameters, service.authQueryParameters ?? ''),
  };
  return defineCredentialType({
    name: service.name,
    displayName: service.displayName,
    description: `${service.displayName}: sign in once with the provider; the token is sent as "Authorization: Bearer …" and refreshed by the server.`,
    ...(service.documentationUrl ? { documentationUrl: service.documentationUrl } : {}),
    fields,
    secretFields: ['clientSecret', 'oauthTokenData'],
    test: (data, signal) => oAuth2Api.test?.(data, signal) ?? Promise.resolve({ ok: true, message: '' }),
  });
}

function withDefault<T>(param: Param<T>, value: T): Param<T> {
  return { ...param, default: value, options: { ...param.options, default: value } };
}
