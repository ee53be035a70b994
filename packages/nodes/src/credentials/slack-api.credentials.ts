import { defineCredentialType, p, type ParamsOf } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { bearer, type ServiceAuth, testServiceRequest } from './service-auth.ts';

/** n8n's `slackApi` credential (same field names). */
const fields = {
  accessToken: p.string({ label: 'Access Token', password: true, required: true }),
};

/** Slack answers 200 with `ok: false` for a bad token. */
function slackOk(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'Slack answered without JSON';
  const answer: { ok?: unknown; error?: unknown } = body;
  return answer.ok === true
    ? undefined
    : `Slack refused the token: ${String(answer.error ?? 'unknown error')}`;
}

const shape = { name: 'slackApi', displayName: 'Slack API', fields, secretFields: [] };

/** How the credential authenticates a request (HTTP Request, "Predefined Credential Type"). */
export function authenticate(c: ParamsOf<typeof fields>): ServiceAuth {
  return bearer(c.accessToken);
}

export default defineCredentialType({
  name: 'slackApi',
  displayName: 'Slack API',
  description: 'A Slack bot or user token, sent as "Authorization: Bearer <token>".',
  documentationUrl: 'https://api.slack.com/authentication/token-types',
  fields,
  secretFields: ['accessToken'],
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const c = read.data;
    return testServiceRequest('https://slack.com/api/auth.test', authenticate(c), signal, slackOk);
  },
});
