import { defineCredentialType, p, type ParamsOf } from '@guixu/core';
import { readCredentialData } from './credential-data.ts';
import { type ServiceAuth, testServiceRequest } from './service-auth.ts';

/** n8n's `discordBotApi` credential (same field names). */
const fields = {
  botToken: p.string({ label: 'Bot Token', password: true, required: true }),
};

const shape = { name: 'discordBotApi', displayName: 'Discord Bot API', fields, secretFields: [] };

/** How the credential authenticates a request (HTTP Request, "Predefined Credential Type"). */
export function authenticate(c: ParamsOf<typeof fields>): ServiceAuth {
  return { headers: { authorization: `Bot ${c.botToken}` }, secrets: [c.botToken] };
}

export default defineCredentialType({
  name: 'discordBotApi',
  displayName: 'Discord Bot API',
  description: 'A Discord bot token, sent as "Authorization: Bot <token>".',
  documentationUrl: 'https://discord.com/developers/docs/reference#authentication',
  fields,
  secretFields: ['botToken'],
  async test(raw, signal) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    const c = read.data;
    return testServiceRequest('https://discord.com/api/v10/users/@me', authenticate(c), signal);
  },
});
