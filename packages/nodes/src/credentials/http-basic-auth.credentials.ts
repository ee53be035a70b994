import { defineCredentialType, p } from '@guixu/core';

export default defineCredentialType({
  name: 'httpBasicAuth',
  displayName: 'Basic Auth',
  description: 'User name and password sent as an HTTP "Authorization: Basic" header.',
  fields: {
    user: p.string({ label: 'User', required: true }),
    password: p.string({ label: 'Password', password: true }),
  },
  secretFields: ['password'],
});
