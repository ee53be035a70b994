/**
 * Crypto, parameters as n8n Crypto v1. Deviations: binary data stays on the
 * item after hashing it (n8n drops it), and "ASCII" generation gives letters
 * and digits (n8n's can contain control characters).
 */
import { defineNode, GuixuError, type JsonObject, p } from '@guixu/core';
import { z } from 'zod';
import { setField } from '../shared/field-paths.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import { digestInput, generate, HASH_TYPES, sign, signAlgorithms, startDigest } from './digest.ts';

const hashTypes = HASH_TYPES.map((value) => ({ value, label: value }));
const encodings = [
  { value: 'hex', label: 'HEX' },
  { value: 'base64', label: 'BASE64' },
] as const;
const on = (...action: string[]) => ({ show: { action } });

export default defineNode({
  type: 'guixu.crypto',
  version: 1,
  displayName: 'Crypto',
  description: 'Hashes, signs (HMAC or private key) and generates random values.',
  group: 'data',
  icon: 'fingerprint',
  defaultName: 'Crypto',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    'Hash: MD5, SHA1, SHA2 and SHA3 digests of a value or of a binary file (streamed), in hex or base64.',
    'Hmac: the same with a secret. Sign: a signature with a PEM private key (RSA-SHA256…).',
    'Generate: a UUID v4 or a random hex / base64 / alphanumeric string of a given length.',
    'The result is written to "Property Name" (dot notation allowed); other fields are kept.',
  ].join('\n'),
  params: {
    action: p.options({
      label: 'Action',
      options: [
        { value: 'generate', label: 'Generate', description: 'Generate random string' },
        { value: 'hash', label: 'Hash', description: 'Hash a text or file in a specified format' },
        { value: 'hmac', label: 'Hmac', description: 'Hmac a text or file in a specified format' },
        { value: 'sign', label: 'Sign', description: 'Sign a string using a private key' },
      ],
      default: 'hash',
    }),
    binaryData: p.boolean({
      label: 'Binary File',
      description: 'Whether the data to hash is a binary file of the item.',
      default: false,
      displayOptions: on('hash', 'hmac'),
    }),
    binaryPropertyName: p.string({
      label: 'Binary Property Name',
      description: 'Name of the binary property which contains the input data.',
      default: 'data',
      required: true,
      displayOptions: { show: { action: ['hash', 'hmac'], binaryData: [true] } },
    }),
    type: p.options({
      label: 'Type',
      description: 'The hash type to use.',
      options: hashTypes,
      default: 'MD5',
      displayOptions: on('hash', 'hmac'),
    }),
    value: p.custom<unknown>({
      kind: 'string',
      label: 'Value',
      description: 'The value to hash, HMAC or sign (objects are used as JSON).',
      default: '',
      schema: z.unknown(),
      displayOptions: { show: { action: ['hash', 'hmac', 'sign'] }, hide: { binaryData: [true] } },
    }),
    dataPropertyName: p.string({
      label: 'Property Name',
      description:
        'Name of the property to write the result to, taken literally: "a.b" is one key, as in n8n.',
      default: 'data',
      required: true,
    }),
    secret: p.string({ label: 'Secret', password: true, displayOptions: on('hmac') }),
    algorithm: p.options({
      label: 'Algorithm Name or ID',
      options: signAlgorithms().map((value) => ({ value, label: value })),
      default: 'RSA-SHA256',
      displayOptions: on('sign'),
    }),
    privateKey: p.string({
      label: 'Private Key',
      description: 'Private key (PEM) to use when signing the string.',
      password: true,
      rows: 4,
      displayOptions: on('sign'),
    }),
    encoding: p.options({
      label: 'Encoding',
      options: encodings,
      default: 'hex',
      displayOptions: on('hash', 'hmac', 'sign'),
    }),
    encodingType: p.options({
      label: 'Type',
      description: 'Encoding that will be used to generate the string.',
      options: [
        { value: 'ascii', label: 'ASCII' },
        { value: 'base64', label: 'BASE64' },
        { value: 'hex', label: 'HEX' },
        { value: 'uuid', label: 'UUID' },
      ],
      default: 'uuid',
      displayOptions: on('generate'),
    }),
    stringLength: p.number({
      label: 'Length',
      description: 'Length of the generated string.',
      default: 32,
      min: 1,
      max: 1_000_000,
      integer: true,
      displayOptions: { show: { action: ['generate'] }, hide: { encodingType: ['uuid'] } },
    }),
  },
  async run(ctx) {
    const output = await mapItemsAsync(ctx, async (item, i) => {
      const params = ctx.params(i);
      let result: string;
      if (params.action === 'generate') {
        result = generate(params.encodingType, params.stringLength);
      } else if (params.action === 'sign') {
        if (!params.privateKey) {
          throw new GuixuError('CRYPTO_NO_PRIVATE_KEY', `A private key is needed to sign [item ${i}]`, {
            parameter: 'privateKey',
            details: { itemIndex: i },
          });
        }
        result = sign(params.algorithm, params.privateKey, digestInput(params.value), params.encoding);
      } else {
        const digest = startDigest(params.action, params.type, params.secret);
        if (params.binaryData) {
          const ref = item.binary?.[params.binaryPropertyName];
          if (!ref) {
            throw new GuixuError(
              'BINARY_MISSING',
              `This operation expects the node's input data to contain a binary file '${params.binaryPropertyName}', but none was found [item ${i}]`,
              { parameter: 'binaryPropertyName', details: { itemIndex: i } },
            );
          }
          for await (const chunk of ctx.services.binary.stream(ref)) digest.update(chunk);
        } else {
          digest.update(digestInput(params.value));
        }
        result = digest.digest(params.encoding);
      }
      const json: Record<string, unknown> = { ...item.json };
      // n8n writes the name as one key (a dot does not make a nested field).
      setField(json, params.dataPropertyName, result, true);
      const out = { json: json as JsonObject, pairedItem: { item: i } };
      return item.binary ? { ...out, binary: item.binary } : out;
    });
    return [output];
  },
});
