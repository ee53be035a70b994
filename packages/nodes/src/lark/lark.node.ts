/**
 * 飞书 / Lark group bot: posts text, markdown (a card with a markdown element)
 * or an interactive card to a custom bot webhook, signed with the bot's secret.
 */
import { defineNode, type Item, p } from '@guixu/core';
import { jsonObject, postToBot } from '../shared/bot-webhook.ts';
import { nodeCredential } from '../shared/credential-error.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import larkBot from './lark-bot.credentials.ts';
import { larkSign } from './lark-sign.ts';

const HINTS: Record<number, string> = {
  19021: 'the signature does not match: check the signing secret and the server clock',
  19024: 'the bot allows only some IP addresses',
  9499: 'the message is malformed',
};

export default defineNode({
  type: 'guixu.lark',
  version: 1,
  displayName: 'Lark / 飞书 Bot',
  description:
    'Sends text, markdown or interactive card messages to a Lark (飞书) group through a custom bot.',
  group: 'action',
  icon: 'send',
  defaultName: 'Lark',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'larkBotApi', required: true }],
  docs: [
    'Posts one message per input item to the custom bot webhook. With a signing secret the request',
    'carries `timestamp` and `sign` (HMAC-SHA256 as Lark documents). "Markdown" sends a card with a',
    'markdown element and an optional title; "Interactive Card" sends the card JSON as given.',
    'A refusal (for example code 19021, bad signature) is a node error with the platform code.',
    'Outputs the input item with the platform answer under `lark`.',
  ].join('\n'),
  params: {
    messageType: p.options({
      label: 'Message Type',
      options: [
        { value: 'text', label: 'Text' },
        { value: 'markdown', label: 'Markdown' },
        { value: 'interactive', label: 'Interactive Card' },
      ],
      default: 'text',
    }),
    text: p.string({
      label: 'Text',
      rows: 4,
      required: true,
      description: 'Mention everyone with <at user_id="all">所有人</at>',
      displayOptions: { show: { messageType: ['text'] } },
    }),
    title: p.string({ label: 'Title', displayOptions: { show: { messageType: ['markdown'] } } }),
    markdown: p.string({
      label: 'Markdown',
      rows: 6,
      required: true,
      displayOptions: { show: { messageType: ['markdown'] } },
    }),
    card: p.json({
      label: 'Card (JSON)',
      description: 'The card object: { "header": …, "elements": […] }',
      default: '{\n  "elements": [{ "tag": "markdown", "content": "**Hello**" }]\n}',
      displayOptions: { show: { messageType: ['interactive'] } },
    }),
  },
  async run(ctx) {
    const node = ctx.node.name;
    const credential = nodeCredential(larkBot, await ctx.credentials('larkBotApi'), node);
    const items = await mapItemsAsync(ctx, async (item, itemIndex): Promise<Item> => {
      const params = ctx.params(itemIndex);
      let message: Record<string, unknown>;
      if (params.messageType === 'text') message = { msg_type: 'text', content: { text: params.text } };
      else if (params.messageType === 'markdown') {
        const card: Record<string, unknown> = { elements: [{ tag: 'markdown', content: params.markdown }] };
        if (params.title) card.header = { title: { tag: 'plain_text', content: params.title } };
        message = { msg_type: 'interactive', card };
      } else message = { msg_type: 'interactive', card: jsonObject(params.card, node, 'card', itemIndex) };
      if (credential.secret) {
        const timestamp = Math.floor(ctx.now() / 1000);
        message = { timestamp: String(timestamp), sign: larkSign(credential.secret, timestamp), ...message };
      }
      const answer = await postToBot({
        node,
        platform: 'Lark',
        url: credential.webhookUrl,
        body: message,
        result: (a) => ({
          code: typeof a.code === 'number' ? a.code : typeof a.StatusCode === 'number' ? a.StatusCode : 0,
          message: String(a.msg ?? a.StatusMessage ?? ''),
        }),
        hint: (code) => HINTS[code],
        secrets: [credential.secret, credential.webhookUrl],
        signal: ctx.signal,
        itemIndex,
      });
      return { json: { ...item.json, lark: answer }, pairedItem: { item: itemIndex } };
    });
    return [items];
  },
});
