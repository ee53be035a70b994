import { defineCredentialType, p } from '@guixu/core';

export default defineCredentialType({
  name: 'httpQueryAuth',
  displayName: 'Query Auth',
  description: 'A query parameter added to every request URL, e.g. "?api_key=…".',
  fields: {
    name: p.string({ label: 'Name', required: true, placeholder: 'api_key' }),
    value: p.string({ label: 'Value', password: true }),
  },
  secretFields: ['value'],
});
