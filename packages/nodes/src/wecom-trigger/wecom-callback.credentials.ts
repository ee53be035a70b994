import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import {
  encodingAesKeyProblem,
  probeFailed,
  refuse,
  textProblem,
} from '../shared/workplace-credential-checks.ts';
import { weComEvent, weComReply, xmlField } from '../wecom/wecom-callback.ts';

const fields = {
  token: p.string({ label: 'Token', password: true, required: true }),
  encodingAesKey: p.string({
    label: 'EncodingAESKey',
    password: true,
    required: true,
    description: '43 characters',
  }),
  corpId: p.string({ label: 'CorpID', required: true }),
};

const shape = {
  name: 'weComCallbackApi',
  displayName: 'WeCom / 企业微信 Callback',
  fields,
  secretFields: [],
};

const PROBE =
  '<xml><ToUserName><![CDATA[guixu]]></ToUserName><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[guixu_credential_test]]></Event></xml>';

/** The callback secrets of a 企业微信 / WeCom app ("接收消息" → Token, EncodingAESKey) and the CorpID. */
export default defineCredentialType({
  name: 'weComCallbackApi',
  displayName: 'WeCom / 企业微信 Callback',
  description:
    'The Token and EncodingAESKey of a WeCom app\'s "receive messages" settings, and the CorpID. "Test" checks them offline with a probe through the trigger\'s own decryption: WeCom calls the server.',
  documentationUrl: 'https://developer.work.weixin.qq.com/document/path/90930',
  fields,
  secretFields: ['token', 'encodingAesKey'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return refuse(read.message);
    const { token, encodingAesKey, corpId } = read.data;
    const problem =
      textProblem('Token', token) ??
      encodingAesKeyProblem('EncodingAESKey', encodingAesKey) ??
      textProblem('CorpID', corpId);
    if (problem) return refuse(problem);
    // As the trigger builds them: the CorpID is the receiver the messages are encrypted for.
    const options = { ...read.data, receiveId: corpId };
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = 'guixu-credential-test';
    try {
      const reply = weComReply(options, PROBE, timestamp, nonce);
      const msgSignature = xmlField(reply, 'MsgSignature') ?? '';
      const { xml } = weComEvent(options, { msg_signature: msgSignature, timestamp, nonce }, reply);
      if (xml !== PROBE)
        return refuse('"EncodingAESKey": a probe message did not decrypt to what was encrypted');
    } catch (error) {
      return probeFailed(error, {
        CALLBACK_SIGNATURE_INVALID: 'Token',
        CALLBACK_DECRYPT_FAILED: 'EncodingAESKey',
        CALLBACK_RECEIVER_MISMATCH: 'CorpID',
      });
    }
    return {
      ok: true,
      message:
        "Checked the settings; nothing was contacted (WeCom calls the server). The EncodingAESKey decodes to a 32-byte AES key, and a probe message encrypted with it for the CorpID and signed with the Token passed the trigger's own signature check and decryption, CorpID included.",
    };
  },
});
