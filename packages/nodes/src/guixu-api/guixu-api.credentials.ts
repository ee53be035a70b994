import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { joinUrl, testServiceRequest } from '../credentials/service-auth.ts';

/** A GuixuFlow instance's REST API: its address and an API key (Settings → API keys). */
const fields = {
  apiKey: p.string({ label: 'API Key', password: true, required: true, placeholder: 'gx_…' }),
  baseUrl: p.string({
    label: 'Base URL',
    required: true,
    default: 'http://127.0.0.1:5680',
    description: 'The address of the GuixuFlow instance, without /api/v1',
  }),
};

const shape = { name: 'guixuApi', displayName: 'GuixuFlow API', fields, secretFields: [] };

export default defineCredentialType({
  name: 'guixuApi',
  displayName: 'GuixuFlow API',
  description:
    'An API key of a GuixuFlow instance (this one or another), sent as "X-API-Key". The key acts as its user, within the scopes it was given.',
  documentationUrl: 'docs/security.md#api-keys',
  fields,
  secretFields: ['apiKey'],
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const { apiKey, baseUrl } = read.data;
    return testServiceRequest(
      joinUrl(baseUrl, '/api/v1/auth/me'),
      { headers: { 'x-api-key': apiKey }, secrets: [apiKey] },
      signal,
    );
  },
});
