import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { testSsh } from './ssh-connection.ts';

/** n8n's `sshPassword` credential. */
export const sshPasswordFields = {
  host: p.string({ label: 'Host', required: true, placeholder: 'localhost' }),
  port: p.number({ label: 'Port', default: 22, min: 1, max: 65535, integer: true }),
  username: p.string({ label: 'Username', required: true }),
  password: p.string({ label: 'Password', password: true }),
  hostKeyFingerprint: p.string({
    label: 'Host Key Fingerprint',
    description:
      "The server's host key fingerprint as `ssh-keygen -lf` prints it (SHA256:…). When set, a server with another key is refused; when empty, any key is accepted.",
    placeholder: 'SHA256:…',
  }),
};

const shape = {
  name: 'sshPassword',
  displayName: 'SSH Password',
  fields: sshPasswordFields,
  secretFields: [],
};

export default defineCredentialType({
  name: 'sshPassword',
  displayName: 'SSH Password',
  description: 'An SSH server signed in to with a user name and password.',
  documentationUrl: 'https://man.openbsd.org/ssh',
  fields: sshPasswordFields,
  secretFields: ['password'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    return testSsh(read.data, 'the SSH server');
  },
});
