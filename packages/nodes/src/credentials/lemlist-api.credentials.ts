import { defineCredentialType, p, type ParamsOf } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { type ServiceAuth, testServiceRequest } from './service-auth.ts';

/** n8n's `lemlistApi` credential (same field names). */
const fields = {
  apiKey: p.string({ label: 'API Key', password: true, required: true }),
};

const shape = { name: 'lemlistApi', displayName: 'Lemlist API', fields, secretFields: [] };

/** How the credential authenticates a request (HTTP Request, "Predefined Credential Type"). */
export function authenticate(c: ParamsOf<typeof fields>): ServiceAuth {
  return { basic: { user: '', password: c.apiKey }, secrets: [c.apiKey] };
}

export default defineCredentialType({
  name: 'lemlistApi',
  displayName: 'Lemlist API',
  description: 'A lemlist API key, sent as the Basic auth password with an empty user.',
  documentationUrl: 'https://developer.lemlist.com/#authentication',
  fields,
  secretFields: ['apiKey'],
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const c = read.data;
    return testServiceRequest('https://api.lemlist.com/api/team', authenticate(c), signal);
  },
});
