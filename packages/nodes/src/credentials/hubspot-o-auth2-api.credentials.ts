import { serviceOAuth2 } from './service-oauth2.ts';

/** n8n's `hubspotOAuth2Api` credential. */
export default serviceOAuth2({
  name: 'hubspotOAuth2Api',
  displayName: 'HubSpot OAuth2 API',
  authUrl: 'https://app.hubspot.com/oauth/authorize',
  accessTokenUrl: 'https://api.hubapi.com/oauth/v1/token',
  scope:
    'crm.objects.contacts.read crm.objects.contacts.write crm.objects.companies.read crm.objects.companies.write crm.objects.deals.read crm.objects.deals.write oauth',
});
