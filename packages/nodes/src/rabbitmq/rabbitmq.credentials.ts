import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { testRabbitmq } from './rabbitmq-client.ts';

const sslShown = { show: { ssl: [true] } };
const clientCertShown = { show: { ssl: [true], passwordless: [true] } };

/** n8n's `rabbitmq` credential. */
export const rabbitmqFields = {
  hostname: p.string({ label: 'Hostname', default: 'localhost', required: true }),
  port: p.number({ label: 'Port', default: 5672, min: 1, max: 65535, integer: true }),
  username: p.string({ label: 'User', default: 'guest' }),
  password: p.string({ label: 'Password', default: 'guest', password: true }),
  vhost: p.string({ label: 'Vhost', default: '/' }),
  ssl: p.boolean({ label: 'SSL', default: false }),
  passwordless: p.boolean({
    label: 'Passwordless',
    description: 'Whether to sign in with a client certificate (SASL EXTERNAL) instead of the password',
    default: true,
    displayOptions: sslShown,
  }),
  ca: p.string({
    label: 'CA Certificates',
    description: 'PEM of the certificate authorities to trust (empty: the system ones)',
    rows: 4,
    displayOptions: sslShown,
  }),
  cert: p.string({ label: 'Client Certificate', rows: 4, displayOptions: clientCertShown }),
  key: p.string({ label: 'Client Key', password: true, displayOptions: clientCertShown }),
  passphrase: p.string({
    label: 'Passphrase',
    description: 'Passphrase of the client key',
    password: true,
    displayOptions: clientCertShown,
  }),
};

const shape = { name: 'rabbitmq', displayName: 'RabbitMQ', fields: rabbitmqFields, secretFields: [] };

export default defineCredentialType({
  name: 'rabbitmq',
  displayName: 'RabbitMQ',
  description:
    'A RabbitMQ (AMQP 0-9-1) broker: host, port, vhost, user, password, and TLS with client certificates.',
  documentationUrl: 'https://www.rabbitmq.com/docs/access-control',
  fields: rabbitmqFields,
  secretFields: ['password', 'key', 'passphrase'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    return testRabbitmq(read.data);
  },
});
