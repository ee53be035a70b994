import { defineCredentialType, p, type ParamsOf } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { joinUrl, type ServiceAuth, testServiceRequest } from './service-auth.ts';

/**
 * n8n's `erpNextApi` credential. n8n names both the cloud domain choice and the
 * self-hosted URL `domain`; one name per field here, so the URL is `domainOrHostname`.
 */
const fields = {
  apiKey: p.string({ label: 'API Key', required: true }),
  apiSecret: p.string({ label: 'API Secret', password: true, required: true }),
  environment: p.options({
    label: 'Environment',
    options: [
      { value: 'cloudHosted', label: 'Cloud-Hosted' },
      { value: 'selfHosted', label: 'Self-Hosted' },
    ],
    default: 'cloudHosted',
  }),
  subdomain: p.string({
    label: 'Subdomain',
    placeholder: 'n8n',
    description:
      'Subdomain of cloud-hosted ERPNext instance. For example, "n8n" is the subdomain in: "https://n8n.erpnext.com".',
    displayOptions: { show: { environment: ['cloudHosted'] } },
  }),
  domain: p.options({
    label: 'Domain',
    options: [
      { value: 'erpnext.com', label: 'erpnext.com' },
      { value: 'frappe.cloud', label: 'frappe.cloud' },
    ],
    default: 'erpnext.com',
    displayOptions: { show: { environment: ['cloudHosted'] } },
  }),
  domainOrHostname: p.string({
    label: 'Domain',
    placeholder: 'https://www.mydomain.com',
    description: 'Fully qualified domain name of self-hosted ERPNext instance.',
    displayOptions: { show: { environment: ['selfHosted'] } },
  }),
};

const shape = { name: 'erpNextApi', displayName: 'ERPNext API', fields, secretFields: [] };

/** The instance's base URL, as n8n's credential test builds it. */
export function erpNextBaseUrl(c: ParamsOf<typeof fields>): string {
  return c.environment === 'selfHosted' ? c.domainOrHostname : `https://${c.subdomain}.${c.domain}`;
}

/** How the credential authenticates a request (HTTP Request, "Predefined Credential Type"). */
export function authenticate(c: ParamsOf<typeof fields>): ServiceAuth {
  return { headers: { authorization: `token ${c.apiKey}:${c.apiSecret}` }, secrets: [c.apiSecret] };
}

export default defineCredentialType({
  name: 'erpNextApi',
  displayName: 'ERPNext API',
  description: 'An ERPNext / Frappe API key and secret, sent as "Authorization: token <key>:<secret>".',
  documentationUrl: 'https://frappeframework.com/docs/user/en/api/rest#1-token-based-authentication',
  fields,
  secretFields: ['apiSecret'],
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const c = read.data;
    return testServiceRequest(joinUrl(erpNextBaseUrl(c), 'api/resource/DocType'), authenticate(c), signal);
  },
});
