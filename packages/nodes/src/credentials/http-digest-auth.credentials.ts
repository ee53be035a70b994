import { defineCredentialType, p } from '@guixu/core';

export default defineCredentialType({
  name: 'httpDigestAuth',
  displayName: 'Digest Auth',
  description: 'User name and password for HTTP Digest authentication (RFC 7616: MD5 or SHA-256, qop=auth).',
  fields: {
    user: p.string({ label: 'User', required: true }),
    password: p.string({ label: 'Password', password: true }),
  },
  secretFields: ['password'],
});
