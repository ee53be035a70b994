import { defineCredentialType, p, type ParamsOf } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { bearer, type ServiceAuth, testServiceRequest } from './service-auth.ts';

/** n8n's `airtableTokenApi` credential (same field names). */
const fields = {
  accessToken: p.string({ label: 'Access Token', password: true, required: true }),
};

const shape = {
  name: 'airtableTokenApi',
  displayName: 'Airtable Personal Access Token API',
  fields,
  secretFields: [],
};

/** How the credential authenticates a request (HTTP Request, "Predefined Credential Type"). */
export function authenticate(c: ParamsOf<typeof fields>): ServiceAuth {
  return bearer(c.accessToken);
}

export default defineCredentialType({
  name: 'airtableTokenApi',
  displayName: 'Airtable Personal Access Token API',
  description: 'An Airtable personal access token, sent as "Authorization: Bearer <token>".',
  documentationUrl: 'https://airtable.com/developers/web/guides/personal-access-tokens',
  fields,
  secretFields: ['accessToken'],
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const c = read.data;
    return testServiceRequest('https://api.airtable.com/v0/meta/whoami', authenticate(c), signal);
  },
});
