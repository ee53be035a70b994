import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { GuixuError } from '@guixu/core';

const VERSION = 'v1';
const IV_BYTES = 12;

/** Key id written into every envelope, so a wrong key is told apart from corrupt data. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * AES-256-GCM envelopes: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url
 * parts). GCM authenticates, so tampered data fails to decrypt instead of
 * decrypting to garbage.
 */
export class Cipher {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
    this.keyId = keyId(key);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      VERSION,
      this.keyId,
      iv.toString('base64url'),
      tag.toString('base64url'),
      body.toString('base64url'),
    ].join('.');
  }

  decrypt(envelope: string): string {
    const parts = envelope.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) {
      throw new GuixuError('ENCRYPTED_DATA_INVALID', 'Encrypted data is not in the expected format', {
        audience: 'operator',
      });
    }
    if (parts[1] !== this.keyId) {
      throw new GuixuError(
        'ENCRYPTION_KEY_MISMATCH',
        `Data was encrypted with key ${parts[1]}, but the configured key is ${this.keyId}`,
        { audience: 'operator', details: { expected: parts[1], configured: this.keyId } },
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(parts[2], 'base64url'));
      decipher.setAuthTag(Buffer.from(parts[3], 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(parts[4], 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch (error) {
      throw new GuixuError('ENCRYPTED_DATA_INVALID', 'Encrypted data failed its integrity check', {
        audience: 'operator',
        cause: error,
      });
    }
  }

  encryptJson(value: unknown): string {
    return this.encrypt(JSON.stringify(value));
  }

  decryptJson(envelope: string): unknown {
    return JSON.parse(this.decrypt(envelope));
  }

  /** A purpose-bound subkey (token signing, cookie state), so one secret serves several uses safely. */
  derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), `guixu:${purpose}`, 32));
  }
}

/** True when the text is an envelope this module wrote (any key). */
export function isEnvelope(text: string): boolean {
  return /^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+\.[\w-]*$/.test(text);
}
