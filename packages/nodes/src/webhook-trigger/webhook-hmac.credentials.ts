import { defineCredentialType, p } from '@guixu/core';

/** Shared secret for Webhook nodes that verify an HMAC signature header (GitHub/Stripe style). */
export default defineCredentialType({
  name: 'webhookHmacAuth',
  displayName: 'Webhook HMAC signature',
  description: 'Verifies that a webhook request body was signed with a shared secret.',
  fields: {
    secret: p.string({ label: 'Secret', password: true, required: true }),
    algorithm: p.options({
      label: 'Algorithm',
      default: 'sha256',
      options: [
        { value: 'sha256', label: 'SHA-256' },
        { value: 'sha1', label: 'SHA-1' },
        { value: 'sha512', label: 'SHA-512' },
      ],
    }),
    headerName: p.string({ label: 'Signature header', default: 'X-Signature-256' }),
    encoding: p.options({
      label: 'Encoding',
      default: 'hex',
      options: [
        { value: 'hex', label: 'Hex' },
        { value: 'base64', label: 'Base64' },
      ],
    }),
    prefix: p.string({
      label: 'Signature prefix',
      description: 'Text before the signature in the header, e.g. "sha256=" for GitHub.',
      default: '',
    }),
  },
  secretFields: ['secret'],
});
