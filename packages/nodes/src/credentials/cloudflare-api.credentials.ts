import { defineCredentialType, p, type ParamsOf } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { bearer, type ServiceAuth, testServiceRequest } from './service-auth.ts';

/** n8n's `cloudflareApi` credential (same field names). */
const fields = {
  apiToken: p.string({ label: 'API Token', password: true, required: true }),
};

const shape = { name: 'cloudflareApi', displayName: 'Cloudflare API', fields, secretFields: [] };

/** How the credential authenticates a request (HTTP Request, "Predefined Credential Type"). */
export function authenticate(c: ParamsOf<typeof fields>): ServiceAuth {
  return bearer(c.apiToken);
}

export default defineCredentialType({
  name: 'cloudflareApi',
  displayName: 'Cloudflare API',
  description: 'A Cloudflare API token, sent as "Authorization: Bearer <token>".',
  documentationUrl: 'https://developers.cloudflare.com/fundamentals/api/get-started/create-token/',
  fields,
  secretFields: ['apiToken'],
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const c = read.data;
    return testServiceRequest(
      'https://api.cloudflare.com/client/v4/user/tokens/verify',
      authenticate(c),
      signal,
    );
  },
});
