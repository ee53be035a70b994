import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readLarkCallback } from './lark-event.ts';

/** What Lark's servers send, written from the documentation independently of the code under test. */
const ENCRYPT_KEY = 'kudryavtsev-key';
const TOKEN = 'v-token';

function larkEncrypt(json: unknown): string {
  const iv = randomBytes(16);
  const key = createHash('sha256').update(ENCRYPT_KEY).digest();
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(json)), cipher.final()]).toString('base64');
}

function signed(rawBody: string, key = ENCRYPT_KEY) {
  const timestamp = '1700000000';
  const nonce = 'n0nce';
  const signature = createHash('sha256')
    .update(timestamp + nonce + key + rawBody)
    .digest('hex');
  return {
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': signature,
  };
}

const options = { verificationToken: TOKEN, encryptKey: ENCRYPT_KEY };

describe('Lark event callbacks', () => {
  it('answers url_verification (encrypted) with its challenge', () => {
    const rawBody = JSON.stringify({
      encrypt: larkEncrypt({ challenge: 'ch-1', token: TOKEN, type: 'url_verification' }),
    });
    expect(readLarkCallback(options, { headers: {}, rawBody })).toEqual({
      kind: 'challenge',
      challenge: 'ch-1',
    });
  });

  it('opens a signed, encrypted v2 event', () => {
    const event = {
      schema: '2.0',
      header: { event_type: 'im.message.receive_v1', token: TOKEN },
      event: { message: { content: '{"text":"hi"}' } },
    };
    const rawBody = JSON.stringify({ encrypt: larkEncrypt(event) });
    expect(readLarkCallback(options, { headers: signed(rawBody), rawBody })).toEqual({
      kind: 'event',
      event,
    });
  });

  it('refuses a bad signature, a wrong token and a wrong Encrypt Key', () => {
    const event = { schema: '2.0', header: { token: TOKEN } };
    const rawBody = JSON.stringify({ encrypt: larkEncrypt(event) });
    expect(() => readLarkCallback(options, { headers: signed(rawBody, 'other'), rawBody })).toThrow(
      'X-Lark-Signature does not match',
    );
    expect(() =>
      readLarkCallback({ ...options, verificationToken: 'x' }, { headers: signed(rawBody), rawBody }),
    ).toThrow('verification token does not match');
    expect(() =>
      readLarkCallback({ ...options, encryptKey: 'wrong' }, { headers: signed(rawBody), rawBody }),
    ).toThrow('could not be decrypted');
  });

  it('checks the token of plain (unencrypted) callbacks', () => {
    const plain = { verificationToken: TOKEN, encryptKey: '' };
    const rawBody = JSON.stringify({ challenge: 'c', token: TOKEN, type: 'url_verification' });
    expect(readLarkCallback(plain, { headers: {}, rawBody })).toEqual({ kind: 'challenge', challenge: 'c' });
    const forged = JSON.stringify({ schema: '2.0', header: { token: 'nope' } });
    expect(() => readLarkCallback(plain, { headers: {}, rawBody: forged })).toThrow('token does not match');
  });
});
