import { defineCredentialType, p, type ParamsOf } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { bearer, type ServiceAuth, testServiceRequest } from './service-auth.ts';

/** n8n's `mistralCloudApi` credential (same field names). */
const fields = {
  apiKey: p.string({ label: 'API Key', password: true, required: true }),
};

const shape = { name: 'mistralCloudApi', displayName: 'Mistral Cloud API', fields, secretFields: [] };

/** How the credential authenticates a request (HTTP Request, "Predefined Credential Type"). */
export function authenticate(c: ParamsOf<typeof fields>): ServiceAuth {
  return bearer(c.apiKey);
}

export default defineCredentialType({
  name: 'mistralCloudApi',
  displayName: 'Mistral Cloud API',
  description: 'A Mistral AI API key, sent as "Authorization: Bearer <key>".',
  documentationUrl: 'https://docs.mistral.ai/api/',
  fields,
  secretFields: ['apiKey'],
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const c = read.data;
    return testServiceRequest('https://api.mistral.ai/v1/models', authenticate(c), signal);
  },
});
