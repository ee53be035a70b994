import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { testRedis } from './redis-client.ts';

/** n8n's `redis` credential. */
export const redisFields = {
  password: p.string({ label: 'Password', password: true }),
  user: p.string({ label: 'User', description: 'Leave blank for password-only auth' }),
  host: p.string({ label: 'Host', default: 'localhost', required: true }),
  port: p.number({ label: 'Port', default: 6379, min: 1, max: 65535, integer: true }),
  database: p.number({ label: 'Database Number', default: 0, min: 0, integer: true }),
  ssl: p.boolean({ label: 'SSL', default: false }),
  disableTlsVerification: p.boolean({
    label: 'Ignore SSL Issues (Insecure)',
    description: 'Whether to connect even if the server certificate cannot be verified',
    default: false,
    displayOptions: { show: { ssl: [true] } },
  }),
};

const shape = { name: 'redis', displayName: 'Redis', fields: redisFields, secretFields: [] };

export default defineCredentialType({
  name: 'redis',
  displayName: 'Redis',
  description: 'A Redis (or Valkey) server: host, port, database number, user, password and TLS.',
  documentationUrl: 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/',
  fields: redisFields,
  secretFields: ['password'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    return testRedis(read.data);
  },
});
