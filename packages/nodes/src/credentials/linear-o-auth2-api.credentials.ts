import { serviceOAuth2 } from './service-oauth2.ts';

/** n8n's `linearOAuth2Api` credential. */
export default serviceOAuth2({
  name: 'linearOAuth2Api',
  displayName: 'Linear OAuth2 API',
  authUrl: 'https://linear.app/oauth/authorize',
  accessTokenUrl: 'https://api.linear.app/oauth/token',
  scope: 'read write issues:create comments:create',
});
