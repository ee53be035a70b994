import { defineCredentialType, p, type ParamsOf } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { joinUrl, type ServiceAuth, testServiceRequest } from './service-auth.ts';

/** n8n's `googlePalmApi` credential (same field names). */
const fields = {
  host: p.string({ label: 'Host', default: 'https://generativelanguage.googleapis.com', required: true }),
  apiKey: p.string({ label: 'API Key', password: true, required: true }),
};

const shape = { name: 'googlePalmApi', displayName: 'Google Gemini (PaLM) API', fields, secretFields: [] };

/** How the credential authenticates a request (HTTP Request, "Predefined Credential Type"). */
export function authenticate(c: ParamsOf<typeof fields>): ServiceAuth {
  return { qs: { key: c.apiKey }, secrets: [c.apiKey] };
}

export default defineCredentialType({
  name: 'googlePalmApi',
  displayName: 'Google Gemini (PaLM) API',
  description: 'A Google AI Studio API key, sent as the "key" query parameter.',
  documentationUrl: 'https://ai.google.dev/gemini-api/docs/api-key',
  fields,
  secretFields: ['apiKey'],
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const c = read.data;
    return testServiceRequest(joinUrl(c.host, 'v1beta/models'), authenticate(c), signal);
  },
});
