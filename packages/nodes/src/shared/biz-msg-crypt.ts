import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * The callback encryption 企业微信 / WeCom and 钉钉 / DingTalk document (WeCom
 * "加解密方案说明", DingTalk "回调加解密", both the WXBizMsgCrypt scheme):
 * - msg_signature = SHA1 of the sorted, concatenated [token, timestamp, nonce, encrypt];
 * - AESKey = base64(EncodingAESKey + "="), 32 bytes; AES-256-CBC with IV = AESKey[0..16];
 * - plaintext = 16 random bytes ‖ msg length (4 bytes, big-endian) ‖ msg ‖ receiveId,
 *   PKCS#7-padded to a 32-byte block (so Node's 16-byte auto padding is off).
 * receiveId is the CorpID (WeCom), or the CorpID / SuiteKey / AppKey (DingTalk).
 * No maintained npm library covers these schemes for both platforms (and Lark's), so
 * they are written with node:crypto.
 */

const BLOCK = 32;

export class CallbackCryptoError extends Error {
  constructor(
    readonly code: 'CALLBACK_SIGNATURE_INVALID' | 'CALLBACK_DECRYPT_FAILED' | 'CALLBACK_RECEIVER_MISMATCH',
    message: string,
  ) {
    super(message);
  }
}

export function msgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

export function aesKeyOf(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (encodingAesKey.length !== 43 || key.length !== 32) {
    throw new CallbackCryptoError('CALLBACK_DECRYPT_FAILED', 'The EncodingAESKey must be 43 characters');
  }
  return key;
}

export interface BizMsgCryptOptions {
  token: string;
  encodingAesKey: string;
  /** CorpID / SuiteKey / AppKey the platform appends; checked on decrypt when set. */
  receiveId: string;
}

export function bizDecrypt(options: BizMsgCryptOptions, encrypt: string): string {
  const key = aesKeyOf(options.encodingAesKey);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
    const pad = padded[padded.length - 1] ?? 0;
    if (pad < 1 || pad > BLOCK) throw new Error('bad padding');
    plain = padded.subarray(0, padded.length - pad);
  } catch {
    throw new CallbackCryptoError(
      'CALLBACK_DECRYPT_FAILED',
      'The callback could not be decrypted: check the EncodingAESKey',
    );
  }
  if (plain.length < 20)
    throw new CallbackCryptoError('CALLBACK_DECRYPT_FAILED', 'The callback is too short');
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) {
    throw new CallbackCryptoError('CALLBACK_DECRYPT_FAILED', 'The callback length prefix is invalid');
  }
  const message = plain.subarray(20, 20 + length).toString('utf8');
  const receiver = plain.subarray(20 + length).toString('utf8');
  if (options.receiveId && receiver !== options.receiveId) {
    throw new CallbackCryptoError(
      'CALLBACK_RECEIVER_MISMATCH',
      `The callback is for "${receiver}", not the configured "${options.receiveId}"`,
    );
  }
  return message;
}

export function bizEncrypt(options: BizMsgCryptOptions, message: string, random = randomBytes(16)): string {
  const key = aesKeyOf(options.encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random, length, body, Buffer.from(options.receiveId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64');
}

/** Checks msg_signature over `encrypt`, then decrypts it. */
export function verifyAndDecrypt(
  options: BizMsgCryptOptions,
  query: { signature: string; timestamp: string; nonce: string },
  encrypt: string,
): string {
  const expected = msgSignature(options.token, query.timestamp, query.nonce, encrypt);
  if (!signatureMatches(expected, query.signature)) {
    throw new CallbackCryptoError(
      'CALLBACK_SIGNATURE_INVALID',
      'The callback signature does not match: check the Token',
    );
  }
  return bizDecrypt(options, encrypt);
}
