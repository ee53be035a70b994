import {
  createHash,
  createHmac,
  createSign,
  getHashes,
  type Hash,
  type Hmac,
  randomInt,
  randomUUID,
  randomBytes,
} from 'node:crypto';
import { GuixuError } from '@guixu/core';

export const HASH_TYPES = [
  'MD5',
  'SHA1',
  'SHA256',
  'SHA384',
  'SHA512',
  'SHA3-256',
  'SHA3-384',
  'SHA3-512',
] as const;
export type HashType = (typeof HASH_TYPES)[number];
export type DigestEncoding = 'hex' | 'base64';

/** Signature algorithms OpenSSL offers here, RSA-SHA256 first. */
export function signAlgorithms(): string[] {
  const names = getHashes().filter((name) => name.startsWith('RSA-'));
  return ['RSA-SHA256', ...names.filter((name) => name !== 'RSA-SHA256')];
}

export function startDigest(action: 'hash' | 'hmac', type: HashType, secret: string): Hash | Hmac {
  const algorithm = type.toLowerCase();
  return action === 'hash' ? createHash(algorithm) : createHmac(algorithm, secret);
}

/** Text to feed a digest: objects (from expressions) as JSON, like n8n. */
export function digestInput(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function sign(algorithm: string, privateKey: string, value: string, encoding: DigestEncoding): string {
  try {
    const signer = createSign(algorithm);
    signer.update(value);
    signer.end();
    return signer.sign(privateKey, encoding);
  } catch (error) {
    throw new GuixuError(
      'CRYPTO_SIGN_FAILED',
      `Could not sign with ${algorithm}: ${error instanceof Error ? error.message : String(error)}`,
      {
        parameter: 'privateKey',
        description: 'Check that the private key is a PEM key matching the algorithm.',
      },
    );
  }
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random value: a UUID v4, or a string of `length` characters in the encoding. */
export function generate(encoding: 'uuid' | 'hex' | 'base64' | 'ascii', length: number): string {
  if (encoding === 'uuid') return randomUUID();
  if (encoding === 'hex')
    return randomBytes(Math.ceil(length / 2))
      .toString('hex')
      .slice(0, length);
  if (encoding === 'base64') {
    let out = '';
    while (out.length < length) out += randomBytes(length).toString('base64').replace(/\W/g, '');
    return out.slice(0, length);
  }
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}
