import { defineCredentialType, p } from '@guixu/core';

/*
 * n8n's jwtAuth fields and names. Deviation: no "none" algorithm, since a
 * webhook guarded by an unsigned token would accept anyone's.
 */

export const JWT_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

const pem = { show: { keyType: ['pemKey'] } };

export const jwtAuthFields = {
  keyType: p.options({
    label: 'Key Type',
    description: 'A shared secret (HS algorithms) or PEM keys (RS, ES and PS algorithms).',
    options: [
      { value: 'passphrase', label: 'Passphrase' },
      { value: 'pemKey', label: 'PEM Key' },
    ],
    default: 'passphrase',
  }),
  secret: p.string({
    label: 'Secret',
    password: true,
    required: true,
    displayOptions: { show: { keyType: ['passphrase'] } },
  }),
  privateKey: p.string({
    label: 'Private Key',
    rows: 4,
    password: true,
    placeholder: '-----BEGIN PRIVATE KEY-----',
    description:
      'Signs tokens. Verifying needs only the public key; without one it is derived from this key.',
    displayOptions: pem,
  }),
  publicKey: p.string({
    label: 'Public Key',
    rows: 4,
    placeholder: '-----BEGIN PUBLIC KEY-----',
    description: 'Verifies tokens, e.g. those a webhook caller signs with its private key.',
    displayOptions: pem,
  }),
  algorithm: p.options({
    label: 'Algorithm',
    options: JWT_ALGORITHMS.map((value) => ({ value, label: value })),
    default: 'HS256',
  }),
};

export default defineCredentialType({
  name: 'jwtAuth',
  displayName: 'JWT Auth',
  description:
    'A JSON Web Token key: a passphrase for HMAC (HS256/384/512) or PEM keys for RSA, ECDSA and RSA-PSS. Webhook and Wait nodes verify "Authorization: Bearer <JWT>" with it.',
  fields: jwtAuthFields,
  secretFields: ['secret', 'privateKey'],
});
