import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { testImap } from './imap-client.ts';

/** n8n's `imap` credential. */
export const imapFields = {
  user: p.string({ label: 'User', required: true }),
  password: p.string({ label: 'Password', password: true }),
  host: p.string({ label: 'Host', required: true, placeholder: 'imap.example.com' }),
  port: p.number({ label: 'Port', default: 993, min: 1, max: 65535, integer: true }),
  secure: p.boolean({
    label: 'SSL/TLS',
    description:
      'Whether the connection is TLS from the start (port 993); otherwise STARTTLS is used when offered',
    default: true,
  }),
  allowUnauthorizedCerts: p.boolean({
    label: 'Allow Self-Signed Certificates',
    description: 'Whether to connect even if SSL certificate validation is not possible',
    default: false,
  }),
};

const shape = { name: 'imap', displayName: 'IMAP', fields: imapFields, secretFields: [] };

export default defineCredentialType({
  name: 'imap',
  displayName: 'IMAP',
  description: 'An IMAP mailbox: host, port, TLS, user and password.',
  documentationUrl: 'https://imapflow.com/',
  fields: imapFields,
  secretFields: ['password'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    return testImap(read.data);
  },
});
