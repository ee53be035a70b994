import { defineCredentialType, p, type ParamsOf } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { bearer, type ServiceAuth, testServiceRequest } from './service-auth.ts';

/** n8n's `hubspotAppToken` credential (same field names). */
const fields = {
  appToken: p.string({ label: 'APP Token', password: true, required: true }),
};

const shape = { name: 'hubspotAppToken', displayName: 'HubSpot App Token', fields, secretFields: [] };

/** How the credential authenticates a request (HTTP Request, "Predefined Credential Type"). */
export function authenticate(c: ParamsOf<typeof fields>): ServiceAuth {
  return bearer(c.appToken);
}

export default defineCredentialType({
  name: 'hubspotAppToken',
  displayName: 'HubSpot App Token',
  description: 'A HubSpot private app token, sent as "Authorization: Bearer <token>".',
  documentationUrl: 'https://developers.hubspot.com/docs/api/private-apps',
  fields,
  secretFields: ['appToken'],
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const c = read.data;
    return testServiceRequest('https://api.hubapi.com/account-info/v3/details', authenticate(c), signal);
  },
});
