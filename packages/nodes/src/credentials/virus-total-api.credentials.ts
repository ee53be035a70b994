import { defineCredentialType, p, type ParamsOf } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { type ServiceAuth, testServiceRequest } from './service-auth.ts';

/** n8n's `virusTotalApi` credential (same field names). */
const fields = {
  accessToken: p.string({ label: 'API Token', password: true, required: true }),
};

const shape = { name: 'virusTotalApi', displayName: 'VirusTotal API', fields, secretFields: [] };

/** How the credential authenticates a request (HTTP Request, "Predefined Credential Type"). */
export function authenticate(c: ParamsOf<typeof fields>): ServiceAuth {
  return { headers: { 'x-apikey': c.accessToken }, secrets: [c.accessToken] };
}

export default defineCredentialType({
  name: 'virusTotalApi',
  displayName: 'VirusTotal API',
  description: 'A VirusTotal API key, sent in the "x-apikey" header.',
  documentationUrl: 'https://docs.virustotal.com/reference/authentication',
  fields,
  secretFields: ['accessToken'],
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const c = read.data;
    return testServiceRequest(
      'https://www.virustotal.com/api/v3/popular_threat_categories',
      authenticate(c),
      signal,
    );
  },
});
