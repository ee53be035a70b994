import { defineCredentialType, p, type ParamsOf } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { bearer, type ServiceAuth, testServiceRequest } from './service-auth.ts';

/** n8n's `notionApi` credential (same field names). */
const fields = {
  apiKey: p.string({ label: 'Internal Integration Secret', password: true, required: true }),
};

const shape = { name: 'notionApi', displayName: 'Notion API', fields, secretFields: [] };

/** How the credential authenticates a request (HTTP Request, "Predefined Credential Type"). */
export function authenticate(c: ParamsOf<typeof fields>): ServiceAuth {
  return bearer(c.apiKey, { 'notion-version': '2022-02-22' });
}

export default defineCredentialType({
  name: 'notionApi',
  displayName: 'Notion API',
  description: 'A Notion integration secret, sent as "Authorization: Bearer <secret>" with "Notion-Version".',
  documentationUrl: 'https://developers.notion.com/docs/authorization',
  fields,
  secretFields: ['apiKey'],
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const c = read.data;
    return testServiceRequest('https://api.notion.com/v1/users/me', authenticate(c), signal);
  },
});
