import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { testSsh } from '../ssh/ssh-connection.ts';

/** n8n's `sftp` credential: a password or a private key. */
export const sftpFields = {
  host: p.string({ label: 'Host', required: true, placeholder: 'localhost' }),
  port: p.number({ label: 'Port', default: 22, min: 1, max: 65535, integer: true }),
  username: p.string({ label: 'Username', required: true }),
  password: p.string({ label: 'Password', password: true }),
  privateKey: p.string({
    label: 'Private Key',
    description:
      'String that contains a private key for either key-based or hostbased user authentication (OpenSSH format)',
    rows: 4,
    password: true,
  }),
  passphrase: p.string({
    label: 'Passphrase',
    description: 'For an encrypted private key, this is the passphrase used to decrypt it',
    password: true,
  }),
  hostKeyFingerprint: p.string({
    label: 'Host Key Fingerprint',
    description:
      "The server's host key fingerprint as `ssh-keygen -lf` prints it (SHA256:…). When set, a server with another key is refused; when empty, any key is accepted.",
    placeholder: 'SHA256:…',
  }),
};

const shape = { name: 'sftp', displayName: 'SFTP', fields: sftpFields, secretFields: [] };

export default defineCredentialType({
  name: 'sftp',
  displayName: 'SFTP',
  description: 'An SFTP server (SSH): host, port, user, and a password or a private key.',
  documentationUrl: 'https://man.openbsd.org/sftp-server',
  fields: sftpFields,
  secretFields: ['password', 'privateKey', 'passphrase'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    return testSsh(read.data, 'the SFTP server');
  },
});
