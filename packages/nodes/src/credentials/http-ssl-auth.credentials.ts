import { defineCredentialType, p } from '@guixu/core';

export default defineCredentialType({
  name: 'httpSslAuth',
  displayName: 'SSL Certificates',
  description:
    'A CA certificate to trust (for servers with a private CA) and/or a client certificate and key for mutual TLS. PEM format.',
  fields: {
    ca: p.string({ label: 'CA', rows: 4, placeholder: '-----BEGIN CERTIFICATE-----', password: true }),
    cert: p.string({
      label: 'Certificate',
      rows: 4,
      placeholder: '-----BEGIN CERTIFICATE-----',
      password: true,
    }),
    key: p.string({
      label: 'Private Key',
      rows: 4,
      placeholder: '-----BEGIN PRIVATE KEY-----',
      password: true,
    }),
    passphrase: p.string({
      label: 'Passphrase',
      password: true,
      description: 'Only when the key is encrypted.',
    }),
  },
  secretFields: ['key', 'passphrase'],
});
