import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { dingTalkEvent, dingTalkSuccess } from '../dingtalk/dingtalk-callback.ts';
import { bizEncrypt, msgSignature, verifyAndDecrypt } from '../shared/biz-msg-crypt.ts';
import {
  encodingAesKeyProblem,
  probeFailed,
  refuse,
  textProblem,
} from '../shared/workplace-credential-checks.ts';

const fields = {
  token: p.string({ label: 'Token', password: true, required: true }),
  encodingAesKey: p.string({
    label: 'aes_key',
    password: true,
    required: true,
    description: '43 characters',
  }),
  receiveId: p.string({
    label: 'AppKey / CorpId',
    required: true,
    description: 'The owner the events are encrypted for',
  }),
};

const shape = {
  name: 'dingTalkCallbackApi',
  displayName: 'DingTalk / 钉钉 Event Subscription',
  fields,
  secretFields: [],
};

const LABELS = {
  CALLBACK_SIGNATURE_INVALID: 'Token',
  CALLBACK_DECRYPT_FAILED: 'aes_key',
  CALLBACK_RECEIVER_MISMATCH: 'AppKey / CorpId',
} as const;

/**
 * A probe through the trigger's own code, as DingTalk would send it: the URL
 * check event, encrypted for the receiver and signed; then the encrypted
 * "success" answer, opened with the same settings. Throws the trigger's error.
 */
function probe(options: { token: string; encodingAesKey: string; receiveId: string }): boolean {
  const timestamp = String(Date.now());
  const nonce = 'guixu-credential-test';
  const encrypt = bizEncrypt(options, JSON.stringify({ EventType: 'check_url' }));
  const signature = msgSignature(options.token, timestamp, nonce, encrypt);
  const event = dingTalkEvent(options, { signature, timestamp, nonce }, { encrypt });
  const answer = dingTalkSuccess(options, timestamp, nonce);
  const opened = verifyAndDecrypt(
    options,
    { signature: answer.msg_signature, timestamp: answer.timeStamp, nonce: answer.nonce },
    answer.encrypt,
  );
  return (
    typeof event === 'object' &&
    event !== null &&
    'EventType' in event &&
    event.EventType === 'check_url' &&
    opened === 'success'
  );
}

/** The HTTP event subscription secrets of a 钉钉 / DingTalk app ("事件订阅" → 加密 aes_key, 签名 token). */
export default defineCredentialType({
  name: 'dingTalkCallbackApi',
  displayName: 'DingTalk / 钉钉 Event Subscription',
  description:
    'The token, aes_key and AppKey (or CorpId / SuiteKey) of a DingTalk app\'s HTTP event subscription. "Test" checks them offline with a probe through the trigger\'s own decryption: DingTalk calls the server.',
  documentationUrl: 'https://open.dingtalk.com/document/orgapp/configure-event-subcription',
  fields,
  secretFields: ['token', 'encodingAesKey'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return refuse(read.message);
    const { token, encodingAesKey, receiveId } = read.data;
    const problem =
      textProblem('Token', token) ??
      encodingAesKeyProblem('aes_key', encodingAesKey) ??
      textProblem('AppKey / CorpId', receiveId);
    if (problem) return refuse(problem);
    try {
      if (!probe(read.data)) return refuse('"aes_key": a probe event did not decrypt to what was encrypted');
    } catch (error) {
      return probeFailed(error, LABELS);
    }
    return {
      ok: true,
      message:
        'Checked the settings; nothing was contacted (DingTalk calls the server). The aes_key decodes to a 32-byte AES key; a probe check_url event encrypted with it for the AppKey / CorpId and signed with the Token passed the trigger\'s own signature check and decryption, receiver included, and so did its encrypted "success" answer.',
    };
  },
});
