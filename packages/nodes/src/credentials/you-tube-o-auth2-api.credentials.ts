import { serviceOAuth2 } from './service-oauth2.ts';

/** n8n's `youTubeOAuth2Api` credential. */
export default serviceOAuth2({
  name: 'youTubeOAuth2Api',
  displayName: 'YouTube OAuth2 API',
  authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  accessTokenUrl: 'https://oauth2.googleapis.com/token',
  scope:
    'https://www.googleapis.com/auth/youtube https://www.googleapis.com/auth/youtubepartner https://www.googleapis.com/auth/youtube.force-ssl https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtubepartner-channel-audit',
  authQueryParameters: 'access_type=offline&prompt=consent',
});
