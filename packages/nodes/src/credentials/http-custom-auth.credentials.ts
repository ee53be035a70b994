import { defineCredentialType, p } from '@guixu/core';

export default defineCredentialType({
  name: 'httpCustomAuth',
  displayName: 'Custom Auth',
  description:
    'Headers, query parameters and body fields added to every request, as JSON: { "headers": {…}, "qs": {…}, "body": {…} }.',
  fields: {
    json: p.string({
      label: 'JSON',
      rows: 6,
      password: true,
      placeholder: '{ "headers": { "X-Auth-Token": "…" } }',
      required: true,
    }),
  },
  secretFields: ['json'],
});
