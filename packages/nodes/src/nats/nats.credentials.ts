import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { testNats } from './nats-client.ts';

/** A NATS server (n8n has no NATS node: the fields follow the nats.js connection options). */
export const natsFields = {
  servers: p.string({
    label: 'Servers',
    description: 'Server URLs, comma-separated (e.g. nats://localhost:4222)',
    default: 'nats://localhost:4222',
    required: true,
  }),
  authentication: p.options({
    label: 'Authentication',
    options: [
      { value: 'none', label: 'None' },
      { value: 'userPassword', label: 'User and Password' },
      { value: 'token', label: 'Token' },
    ],
    default: 'none',
  }),
  user: p.string({ label: 'User', displayOptions: { show: { authentication: ['userPassword'] } } }),
  password: p.string({
    label: 'Password',
    password: true,
    displayOptions: { show: { authentication: ['userPassword'] } },
  }),
  token: p.string({
    label: 'Token',
    password: true,
    displayOptions: { show: { authentication: ['token'] } },
  }),
  tls: p.boolean({ label: 'TLS', description: 'Whether to require TLS', default: false }),
  ca: p.string({
    label: 'CA Certificates',
    description: 'PEM of the certificate authorities to trust (empty: the system ones)',
    rows: 4,
    displayOptions: { show: { tls: [true] } },
  }),
};

const shape = { name: 'nats', displayName: 'NATS', fields: natsFields, secretFields: [] };

export default defineCredentialType({
  name: 'nats',
  displayName: 'NATS',
  description: 'A NATS server or cluster: URLs, user and password or token, TLS.',
  documentationUrl: 'https://docs.nats.io/using-nats/developer/connecting',
  fields: natsFields,
  secretFields: ['password', 'token'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    return testNats(read.data);
  },
});
