import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { testSmtp } from './smtp-transport.ts';

/** n8n's `smtp` credential. */
export const smtpFields = {
  user: p.string({ label: 'User', description: 'Leave blank when the server needs no sign-in' }),
  password: p.string({ label: 'Password', password: true }),
  host: p.string({ label: 'Host', required: true }),
  port: p.number({ label: 'Port', default: 465, min: 1, max: 65535, integer: true }),
  secure: p.boolean({
    label: 'SSL/TLS',
    description:
      'Whether the connection is TLS from the start (port 465); otherwise STARTTLS is used when offered',
    default: true,
  }),
  disableStartTls: p.boolean({
    label: 'Disable STARTTLS',
    description: 'Whether to stay in plain text even when the server offers STARTTLS',
    default: false,
    displayOptions: { show: { secure: [false] } },
  }),
  hostName: p.string({
    label: 'Client Host Name',
    description: 'The name this client gives in EHLO (default: the machine host name)',
  }),
  allowUnauthorizedCerts: p.boolean({
    label: 'Ignore SSL Issues (Insecure)',
    description: 'Whether to connect even if the server certificate cannot be verified',
    default: false,
  }),
};

const shape = { name: 'smtp', displayName: 'SMTP', fields: smtpFields, secretFields: [] };

export default defineCredentialType({
  name: 'smtp',
  displayName: 'SMTP',
  description: 'An SMTP server to send email through: host, port, TLS or STARTTLS, user and password.',
  documentationUrl: 'https://nodemailer.com/smtp/',
  fields: smtpFields,
  secretFields: ['password'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    return testSmtp(read.data);
  },
});
