/**
 * 钉钉 / DingTalk HTTP event subscription: checks the signature, decrypts each
 * callback, answers the encrypted "success" DingTalk expects, and starts a run
 * per event (the check_url event only answers).
 */
import { defineNode } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { dingTalkEvent, dingTalkSuccess } from '../dingtalk/dingtalk-callback.ts';
import { callbackTriggerParams, eventItem, json, queryText, refuse } from '../shared/platform-callback.ts';
import dingTalkCallback from './dingtalk-callback.credentials.ts';

export default defineNode({
  type: 'guixu.dingTalkTrigger',
  version: 1,
  displayName: 'DingTalk / 钉钉 Trigger',
  description: "Starts the workflow for each event of a DingTalk (钉钉) app's HTTP event subscription.",
  group: 'trigger',
  icon: 'webhook',
  defaultName: 'DingTalk Trigger',
  inputs: [],
  outputs: ['main'],
  credentials: [{ name: 'dingTalkCallbackApi', required: true }],
  trigger: {
    kind: 'webhook',
    async callback(request, context) {
      const read = readCredentialData(dingTalkCallback, await context.credential('dingTalkCallbackApi'));
      if (!read.ok) refuse(new Error(read.message));
      const query = {
        signature: queryText(request, 'signature'),
        msg_signature: queryText(request, 'msg_signature'),
        timestamp: queryText(request, 'timestamp'),
        nonce: queryText(request, 'nonce'),
      };
      let event: unknown;
      try {
        event = dingTalkEvent(read.data, query, JSON.parse(request.rawBody || '{}'));
      } catch (error) {
        return refuse(error);
      }
      const answer = json(dingTalkSuccess(read.data, String(Date.now()), query.nonce || 'guixu'));
      const item = eventItem(event);
      if (item.EventType === 'check_url') return { answer };
      return { answer, items: [item] };
    },
  },
  docs: [
    "Give DingTalk `<server>/webhook/<path>` as the event request URL. Each callback's signature",
    '(SHA1 of token, timestamp, nonce and the encrypted body) is checked and the body decrypted with',
    'the aes_key (AES-256-CBC); the answer is the encrypted "success" DingTalk requires. The URL',
    'check (check_url) only answers; every other event starts one run with the decrypted event JSON.',
    'A forged or unreadable request is refused with 403 and starts nothing.',
  ].join('\n'),
  params: callbackTriggerParams(['POST']),
  run: (ctx) => [ctx.items],
});
