import { defineCredentialType, p, type ParamsOf } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { joinUrl, type ServiceAuth, testServiceRequest } from './service-auth.ts';

/** n8n's `qdrantApi` credential (same field names). */
const fields = {
  apiKey: p.string({ label: 'API Key', password: true }),
  qdrantUrl: p.string({ label: 'Qdrant URL', required: true, placeholder: 'http://localhost:6333' }),
};

const shape = { name: 'qdrantApi', displayName: 'Qdrant API', fields, secretFields: [] };

/** How the credential authenticates a request (HTTP Request, "Predefined Credential Type"). */
export function authenticate(c: ParamsOf<typeof fields>): ServiceAuth {
  return { headers: c.apiKey ? { 'api-key': c.apiKey } : {}, secrets: [c.apiKey] };
}

export default defineCredentialType({
  name: 'qdrantApi',
  displayName: 'Qdrant API',
  description: 'A Qdrant server URL and API key, sent in the "api-key" header.',
  documentationUrl: 'https://qdrant.tech/documentation/guides/security/',
  fields,
  secretFields: ['apiKey'],
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const c = read.data;
    return testServiceRequest(joinUrl(c.qdrantUrl, 'collections'), authenticate(c), signal);
  },
});
