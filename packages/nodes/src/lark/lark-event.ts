import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';
import { CallbackCryptoError } from '../shared/biz-msg-crypt.ts';

/*
 * 飞书 / Lark event callbacks ("事件订阅", "配置 Encrypt Key"):
 * - with an Encrypt Key the body is { "encrypt": base64(iv ‖ AES-256-CBC(json)) },
 *   key = SHA-256(Encrypt Key), PKCS#7;
 * - events are signed: X-Lark-Signature = hex SHA-256(timestamp + nonce + Encrypt Key + raw body),
 *   with X-Lark-Request-Timestamp and X-Lark-Request-Nonce;
 * - the verification token is in `token` (v1 and url_verification) or `header.token` (v2);
 * - the URL check is { "type": "url_verification", "challenge" } answered with { challenge }.
 */

export interface LarkEventOptions {
  verificationToken: string;
  encryptKey: string;
}

export type LarkCallback =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'event'; event: Record<string, unknown> };

export function larkDecrypt(encrypt: string, encryptKey: string): string {
  try {
    const data = Buffer.from(encrypt, 'base64');
    const key = createHash('sha256').update(encryptKey).digest();
    const decipher = createDecipheriv('aes-256-cbc', key, data.subarray(0, 16));
    return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]).toString('utf8');
  } catch {
    throw new CallbackCryptoError(
      'CALLBACK_DECRYPT_FAILED',
      'The Lark event could not be decrypted: check the Encrypt Key',
    );
  }
}

export function larkSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey + rawBody)
    .digest('hex');
}

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}

/** Checks and opens one callback request; throws CallbackCryptoError for a forged or unreadable one. */
export function readLarkCallback(
  options: LarkEventOptions,
  request: { headers: Record<string, string | string[] | undefined>; rawBody: string },
): LarkCallback {
  let body = asRecord(JSON.parse(request.rawBody));
  const encrypted = typeof body.encrypt === 'string';
  if (encrypted) {
    if (!options.encryptKey) {
      throw new CallbackCryptoError(
        'CALLBACK_DECRYPT_FAILED',
        'The Lark event is encrypted but no Encrypt Key is set',
      );
    }
    body = asRecord(JSON.parse(larkDecrypt(String(body.encrypt), options.encryptKey)));
  }
  const token = typeof body.token === 'string' ? body.token : asRecord(body.header).token;
  if (options.verificationToken && token !== options.verificationToken) {
    throw new CallbackCryptoError('CALLBACK_SIGNATURE_INVALID', 'The Lark verification token does not match');
  }
  if (body.type === 'url_verification') return { kind: 'challenge', challenge: String(body.challenge ?? '') };
  if (options.encryptKey) {
    const given = header(request.headers, 'x-lark-signature');
    const expected = larkSignature(
      header(request.headers, 'x-lark-request-timestamp'),
      header(request.headers, 'x-lark-request-nonce'),
      options.encryptKey,
      request.rawBody,
    );
    const a = Buffer.from(expected);
    const b = Buffer.from(given);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      throw new CallbackCryptoError(
        'CALLBACK_SIGNATURE_INVALID',
        'The X-Lark-Signature does not match: check the Encrypt Key',
      );
    }
  }
  return { kind: 'event', event: body };
}
