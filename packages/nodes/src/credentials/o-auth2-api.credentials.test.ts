import { checkParams, toFormFields } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import oAuth2Api from './o-auth2-api.credentials.ts';

const form = toFormFields(oAuth2Api.fields);
const field = (name: string) => form.find((f) => f.name === name);

const clientCredentials = {
  grantType: 'clientCredentials',
  accessTokenUrl: 'https://id.example/token',
  clientId: 'client',
  clientSecret: 'secret',
};
const authorizationCode = {
  ...clientCredentials,
  grantType: 'authorizationCode',
  authUrl: 'https://id.example/authorize',
  authQueryParameters: 'access_type=offline&prompt=consent',
};
/** Exactly what the server's OAuth2 callback stores. */
const serverTokenData = {
  access_token: 'at-1',
  token_type: 'Bearer',
  refresh_token: 'rt-1',
  expires_at: 1_900_000_000_000,
  scope: 'read',
};

describe('OAuth2 API credential type', () => {
  it('offers the three n8n grant types, client credentials by default', () => {
    expect(field('grantType')?.options?.map((o) => o.value)).toEqual([
      'authorizationCode',
      'clientCredentials',
      'pkce',
    ]);
    expect(field('grantType')?.default).toBe('clientCredentials');
    expect(field('authentication')?.options?.map((o) => o.value)).toEqual(['header', 'body']);
  });

  it('shows the authorization URL, its query parameters and the token only for user grants', () => {
    const userGrants = { show: { grantType: ['authorizationCode', 'pkce'] } };
    for (const name of ['authUrl', 'authQueryParameters', 'oauthTokenData']) {
      expect(field(name)?.displayOptions, name).toEqual(userGrants);
    }
    for (const name of [
      'grantType',
      'accessTokenUrl',
      'clientId',
      'clientSecret',
      'scope',
      'authentication',
    ]) {
      expect(field(name)?.displayOptions, name).toBeUndefined();
    }
  });

  it('declares the stored token as a hidden secret that is never an expression', () => {
    expect(field('oauthTokenData')).toMatchObject({ kind: 'hidden', widget: 'hidden', noExpression: true });
    expect(oAuth2Api.secretFields).toContain('oauthTokenData');
    expect(field('clientSecret')?.widget).toBe('password');
  });

  it('validates as the server validates stored data', () => {
    expect(checkParams(oAuth2Api.fields, clientCredentials)).toEqual([]);
    expect(checkParams(oAuth2Api.fields, authorizationCode)).toEqual([]);
    expect(
      checkParams(oAuth2Api.fields, { ...authorizationCode, grantType: 'pkce', clientSecret: '' }),
    ).toEqual([]);
    expect(checkParams(oAuth2Api.fields, { ...authorizationCode, oauthTokenData: serverTokenData })).toEqual(
      [],
    );
    const { authUrl: _, ...noAuthUrl } = authorizationCode;
    expect(checkParams(oAuth2Api.fields, noAuthUrl)).toEqual([
      { parameter: 'authUrl', message: 'Parameter "Authorization URL" (authUrl) is required' },
    ]);
    const [issue] = checkParams(oAuth2Api.fields, { ...authorizationCode, oauthTokenData: 'at-1' });
    expect(issue?.parameter).toBe('oauthTokenData');
    expect(checkParams(oAuth2Api.fields, { ...clientCredentials, grantType: 'password' })[0]?.message).toBe(
      'Parameter "Grant Type" (grantType) must be one of: "authorizationCode", "clientCredentials", "pkce"; got "password"',
    );
  });

  it('is recognised by the server as an OAuth2 authorization-code type (it has authUrl)', () => {
    expect('authUrl' in oAuth2Api.fields).toBe(true);
  });
});
