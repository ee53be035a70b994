import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { larkSignature, readLarkCallback } from '../lark/lark-event.ts';
import { probeFailed, refuse, textProblem } from '../shared/workplace-credential-checks.ts';

const fields = {
  verificationToken: p.string({ label: 'Verification Token', password: true, required: true }),
  encryptKey: p.string({
    label: 'Encrypt Key',
    password: true,
    description: 'Empty when encryption is off',
  }),
};

const shape = {
  name: 'larkEventApi',
  displayName: 'Lark / 飞书 Event Subscription',
  fields,
  secretFields: [],
};

/** What Lark sends with an Encrypt Key: base64(iv ‖ AES-256-CBC(json)), key = SHA-256(Encrypt Key). */
function larkEncrypt(json: string, encryptKey: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(encryptKey).digest(), iv);
  return Buffer.concat([iv, cipher.update(json, 'utf8'), cipher.final()]).toString('base64');
}

/** A v2 event carrying the Verification Token, encrypted and signed when there is an Encrypt Key. */
function probeRequest(options: { verificationToken: string; encryptKey: string }) {
  const event = JSON.stringify({
    schema: '2.0',
    header: { event_type: 'guixu.credential_test', token: options.verificationToken },
    event: {},
  });
  if (!options.encryptKey) return { headers: {}, rawBody: event };
  const rawBody = JSON.stringify({ encrypt: larkEncrypt(event, options.encryptKey) });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = 'guixu-credential-test';
  return {
    rawBody,
    headers: {
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': larkSignature(timestamp, nonce, options.encryptKey, rawBody),
    },
  };
}

/** The event subscription secrets of a 飞书 / Lark app ("事件与回调" → "加密策略"). */
export default defineCredentialType({
  name: 'larkEventApi',
  displayName: 'Lark / 飞书 Event Subscription',
  description:
    'The Verification Token and Encrypt Key of a Lark app\'s event subscription. "Test" checks them offline with a probe event through the trigger\'s own checks: Lark calls the server, not the other way round.',
  documentationUrl:
    'https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/configure-encrypt-key',
  fields,
  secretFields: ['verificationToken', 'encryptKey'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return refuse(read.message);
    const { verificationToken, encryptKey } = read.data;
    const problem =
      textProblem('Verification Token', verificationToken) ??
      (encryptKey === '' ? undefined : textProblem('Encrypt Key', encryptKey));
    if (problem) return refuse(problem);
    if (encryptKey === verificationToken) {
      return refuse('"Encrypt Key" is the same as "Verification Token"; Lark shows two different values');
    }
    try {
      readLarkCallback(read.data, probeRequest(read.data));
    } catch (error) {
      return probeFailed(error, { CALLBACK_DECRYPT_FAILED: 'Encrypt Key' });
    }
    const checked = encryptKey
      ? "a probe event encrypted with the Encrypt Key, signed (X-Lark-Signature) and carrying the Verification Token passed the trigger's own checks."
      : "a probe event carrying the Verification Token passed the trigger's own check. No Encrypt Key is set: Lark must send events unencrypted (encryption off in 加密策略), and requests carry no signature to check.";
    return {
      ok: true,
      message: `Checked the settings; nothing was contacted (Lark calls the server): ${checked}`,
    };
  },
});
