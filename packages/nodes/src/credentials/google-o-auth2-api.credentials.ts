import { serviceOAuth2 } from './service-oauth2.ts';

/** n8n's `googleOAuth2Api` credential. */
export default serviceOAuth2({
  name: 'googleOAuth2Api',
  displayName: 'Google OAuth2 API',
  authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  accessTokenUrl: 'https://oauth2.googleapis.com/token',
  scope: '',
  authQueryParameters: 'access_type=offline&prompt=consent',
});
