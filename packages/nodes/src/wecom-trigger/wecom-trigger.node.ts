/**
 * 企业微信 / WeCom app callbacks: answers the GET URL check with the decrypted
 * echostr, checks msg_signature and decrypts each POSTed message or event, and
 * starts a run with its fields.
 */
import { defineNode } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { callbackTriggerParams, queryText, refuse, text } from '../shared/platform-callback.ts';
import { weComEcho, weComEvent } from '../wecom/wecom-callback.ts';
import weComCallback from './wecom-callback.credentials.ts';

export default defineNode({
  type: 'guixu.weComTrigger',
  version: 1,
  displayName: 'WeCom / 企业微信 Trigger',
  description: 'Starts the workflow for each message or event a WeCom (企业微信) app receives.',
  group: 'trigger',
  icon: 'webhook',
  defaultName: 'WeCom Trigger',
  inputs: [],
  outputs: ['main'],
  credentials: [{ name: 'weComCallbackApi', required: true }],
  trigger: {
    kind: 'webhook',
    async callback(request, context) {
      const read = readCredentialData(weComCallback, await context.credential('weComCallbackApi'));
      if (!read.ok) refuse(new Error(read.message));
      const options = { ...read.data, receiveId: read.data.corpId };
      const query = {
        msg_signature: queryText(request, 'msg_signature'),
        timestamp: queryText(request, 'timestamp'),
        nonce: queryText(request, 'nonce'),
        echostr: queryText(request, 'echostr'),
      };
      try {
        if (request.method === 'GET') return { answer: text(weComEcho(options, query)) };
        const { xml, fields } = weComEvent(options, query, request.rawBody);
        return { answer: text('success'), items: [{ ...fields, xml }] };
      } catch (error) {
        return refuse(error);
      }
    },
  },
  docs: [
    'Give WeCom `<server>/webhook/<path>` as the callback URL. The GET URL check is answered with the',
    'decrypted echostr; each POST must carry a valid msg_signature (SHA1 of Token, timestamp, nonce and',
    'the encrypted body) and is decrypted with the EncodingAESKey (AES-256-CBC, CorpID checked). Each',
    'message or event starts one run with its XML fields (ToUserName, MsgType, Content, Event, …) and',
    'the decrypted `xml`. A forged or unreadable request is refused with 403 and starts nothing.',
  ].join('\n'),
  params: callbackTriggerParams(['GET', 'POST']),
  run: (ctx) => [ctx.items],
});
