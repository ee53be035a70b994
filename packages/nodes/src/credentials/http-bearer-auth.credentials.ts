import { defineCredentialType, p } from '@guixu/core';

export default defineCredentialType({
  name: 'httpBearerAuth',
  displayName: 'Bearer Auth',
  description: 'A token sent as "Authorization: Bearer <token>".',
  fields: {
    token: p.string({ label: 'Bearer Token', password: true, required: true }),
  },
  secretFields: ['token'],
});
