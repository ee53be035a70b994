import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { testSsh } from './ssh-connection.ts';

/** n8n's `sshPrivateKey` credential. */
export const sshPrivateKeyFields = {
  host: p.string({ label: 'Host', required: true, placeholder: 'localhost' }),
  port: p.number({ label: 'Port', default: 22, min: 1, max: 65535, integer: true }),
  username: p.string({ label: 'Username', required: true }),
  privateKey: p.string({
    label: 'Private Key',
    description: 'The private key (OpenSSH or PEM format), including its BEGIN and END lines',
    rows: 4,
    password: true,
    required: true,
  }),
  passphrase: p.string({
    label: 'Passphrase',
    description: 'Passphrase used to create the key, if one was used',
    password: true,
  }),
  hostKeyFingerprint: p.string({
    label: 'Host Key Fingerprint',
    description:
      "The server's host key fingerprint as `ssh-keygen -lf` prints it (SHA256:…). When set, a server with another key is refused; when empty, any key is accepted.",
    placeholder: 'SHA256:…',
  }),
};

const shape = {
  name: 'sshPrivateKey',
  displayName: 'SSH Private Key',
  fields: sshPrivateKeyFields,
  secretFields: [],
};

export default defineCredentialType({
  name: 'sshPrivateKey',
  displayName: 'SSH Private Key',
  description: 'An SSH server signed in to with a user name and a private key.',
  documentationUrl: 'https://man.openbsd.org/ssh-keygen',
  fields: sshPrivateKeyFields,
  secretFields: ['privateKey', 'passphrase'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    return testSsh(read.data, 'the SSH server');
  },
});
