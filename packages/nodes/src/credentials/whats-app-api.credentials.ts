import { defineCredentialType, p, type ParamsOf } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { bearer, type ServiceAuth, testServiceRequest } from './service-auth.ts';

/** n8n's `whatsAppApi` credential (same field names). */
const fields = {
  accessToken: p.string({ label: 'Access Token', password: true, required: true }),
  businessAccountId: p.string({ label: 'Business Account ID', required: true }),
};

const shape = { name: 'whatsAppApi', displayName: 'WhatsApp API', fields, secretFields: [] };

/** How the credential authenticates a request (HTTP Request, "Predefined Credential Type"). */
export function authenticate(c: ParamsOf<typeof fields>): ServiceAuth {
  return bearer(c.accessToken);
}

export default defineCredentialType({
  name: 'whatsAppApi',
  displayName: 'WhatsApp API',
  description: 'A WhatsApp Business (Meta Graph) access token, sent as "Authorization: Bearer <token>".',
  documentationUrl: 'https://developers.facebook.com/docs/whatsapp/business-management-api/get-started',
  fields,
  secretFields: ['accessToken'],
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const c = read.data;
    return testServiceRequest(
      `https://graph.facebook.com/v13.0/${encodeURIComponent(c.businessAccountId)}/phone_numbers`,
      authenticate(c),
      signal,
    );
  },
});
