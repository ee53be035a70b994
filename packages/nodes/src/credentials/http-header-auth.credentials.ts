import { defineCredentialType, p } from '@guixu/core';

export default defineCredentialType({
  name: 'httpHeaderAuth',
  displayName: 'Header Auth',
  description: 'A header sent with every request, e.g. "X-API-Key: …" or "Authorization: Token …".',
  fields: {
    name: p.string({ label: 'Name', required: true, placeholder: 'X-API-Key' }),
    value: p.string({ label: 'Value', password: true }),
  },
  secretFields: ['value'],
});
