/**
 * 飞书 / Lark events: answers the url_verification challenge, checks the
 * verification token and X-Lark-Signature, decrypts events (Encrypt Key) and
 * starts a run with each event.
 */
import { defineNode } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { readLarkCallback } from '../lark/lark-event.ts';
import { callbackTriggerParams, eventItem, json, refuse } from '../shared/platform-callback.ts';
import larkEvent from './lark-event.credentials.ts';

export default defineNode({
  type: 'guixu.larkTrigger',
  version: 1,
  displayName: 'Lark / 飞书 Trigger',
  description: 'Starts the workflow for each event a Lark (飞书) app subscribes to (messages, approvals, …).',
  group: 'trigger',
  icon: 'webhook',
  defaultName: 'Lark Trigger',
  inputs: [],
  outputs: ['main'],
  credentials: [{ name: 'larkEventApi', required: true }],
  trigger: {
    kind: 'webhook',
    async callback(request, context) {
      const read = readCredentialData(larkEvent, await context.credential('larkEventApi'));
      if (!read.ok) refuse(new Error(read.message));
      try {
        const result = readLarkCallback(read.data, request);
        if (result.kind === 'challenge') return { answer: json({ challenge: result.challenge }) };
        return { answer: json({}), items: [eventItem(result.event)] };
      } catch (error) {
        return refuse(error);
      }
    },
  },
  docs: [
    'Give Lark `<server>/webhook/<path>` as the event request URL. The URL check (url_verification) is',
    'answered with its challenge; every other request must carry the Verification Token and, with an',
    'Encrypt Key, a valid X-Lark-Signature; encrypted bodies are decrypted (AES-256-CBC). Each event',
    'starts one run with the event JSON ({ schema, header, event } for v2 events). A forged or',
    'unreadable request is refused with 403 and starts nothing.',
  ].join('\n'),
  params: callbackTriggerParams(['POST']),
  run: (ctx) => [ctx.items],
});
