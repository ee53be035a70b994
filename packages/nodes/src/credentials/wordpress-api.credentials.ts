import { defineCredentialType, p, type ParamsOf } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { joinUrl, type ServiceAuth, testServiceRequest } from './service-auth.ts';

/** n8n's `wordpressApi` credential (same field names). */
const fields = {
  username: p.string({ label: 'Username', required: true }),
  password: p.string({ label: 'Password', password: true, required: true }),
  url: p.string({ label: 'WordPress URL', required: true, placeholder: 'https://example.com' }),
};

const shape = { name: 'wordpressApi', displayName: 'WordPress API', fields, secretFields: [] };

/** How the credential authenticates a request (HTTP Request, "Predefined Credential Type"). */
export function authenticate(c: ParamsOf<typeof fields>): ServiceAuth {
  return { basic: { user: c.username, password: c.password }, secrets: [c.password] };
}

export default defineCredentialType({
  name: 'wordpressApi',
  displayName: 'WordPress API',
  description: 'A WordPress user and application password (Basic auth).',
  documentationUrl: 'https://developer.wordpress.org/rest-api/using-the-rest-api/authentication/',
  fields,
  secretFields: ['password'],
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const c = read.data;
    return testServiceRequest(joinUrl(c.url, 'wp-json/wp/v2/users?context=edit'), authenticate(c), signal);
  },
});
