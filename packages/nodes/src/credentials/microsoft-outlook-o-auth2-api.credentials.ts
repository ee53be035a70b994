import { serviceOAuth2 } from './service-oauth2.ts';

/** n8n's `microsoftOutlookOAuth2Api` credential. */
export default serviceOAuth2({
  name: 'microsoftOutlookOAuth2Api',
  displayName: 'Microsoft Outlook OAuth2 API',
  authUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
  accessTokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  scope:
    'openid offline_access Contacts.Read Contacts.ReadWrite Calendars.Read Calendars.ReadWrite Mail.ReadWrite Mail.ReadWrite.Shared Mail.Send Mail.Send.Shared MailboxSettings.Read',
});
