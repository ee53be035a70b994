import { serviceOAuth2 } from './service-oauth2.ts';

/** n8n's `gmailOAuth2` credential. */
export default serviceOAuth2({
  name: 'gmailOAuth2',
  displayName: 'Gmail OAuth2 API',
  authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  accessTokenUrl: 'https://oauth2.googleapis.com/token',
  scope:
    'https://www.googleapis.com/auth/gmail.labels https://www.googleapis.com/auth/gmail.addons.current.action.compose https://www.googleapis.com/auth/gmail.addons.current.message.action https://mail.google.com/ https://www.googleapis.com/auth/gmail.modify https://www.googleapis.com/auth/gmail.compose',
  authQueryParameters: 'access_type=offline&prompt=consent',
});
