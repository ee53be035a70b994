import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { testFtp } from './test-connection.ts';

/** n8n's `ftp` credential, plus FTPS (explicit TLS). */
export const ftpFields = {
  host: p.string({ label: 'Host', required: true, placeholder: 'localhost' }),
  port: p.number({ label: 'Port', default: 21, min: 1, max: 65535, integer: true }),
  username: p.string({ label: 'Username', description: 'Leave blank for an anonymous login' }),
  password: p.string({ label: 'Password', password: true }),
  secure: p.boolean({
    label: 'Use TLS (FTPS)',
    description: 'Whether to upgrade the connection with AUTH TLS (explicit FTPS)',
    default: false,
  }),
  allowUnauthorizedCerts: p.boolean({
    label: 'Ignore SSL Issues (Insecure)',
    description: 'Whether to connect even if the server certificate cannot be verified',
    default: false,
    displayOptions: { show: { secure: [true] } },
  }),
};

const shape = { name: 'ftp', displayName: 'FTP', fields: ftpFields, secretFields: [] };

export default defineCredentialType({
  name: 'ftp',
  displayName: 'FTP',
  description: 'An FTP server (optionally FTPS): host, port, user and password.',
  documentationUrl: 'https://github.com/patrickjuchli/basic-ftp',
  fields: ftpFields,
  secretFields: ['password'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    return testFtp(read.data);
  },
});
