/**
 * 企业微信 / WeCom group robot: posts text (with @mentions), markdown or a
 * template card to the robot webhook (the key in its URL authenticates).
 */
import { defineNode, type Item, p } from '@guixu/core';
import { jsonObject, postToBot } from '../shared/bot-webhook.ts';
import { nodeCredential } from '../shared/credential-error.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import weComBot from './wecom-bot.credentials.ts';

const HINTS: Record<number, string> = {
  93000: 'the webhook key is invalid or the robot was removed',
  45009: 'too many messages: WeCom allows 20 a minute per robot',
  40008: 'the message type is invalid',
};

const listOf = (list: string) =>
  list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export default defineNode({
  type: 'guixu.weCom',
  version: 1,
  displayName: 'WeCom / 企业微信 Robot',
  description: 'Sends text, markdown or template card messages to a WeCom (企业微信) group through a robot.',
  group: 'action',
  icon: 'send',
  defaultName: 'WeCom',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'weComBotApi', required: true }],
  docs: [
    'Posts one message per input item to the group robot webhook (the `key` in its URL is the secret).',
    'Text can @mention user IDs or mobiles ("@all" for everyone); "Interactive Card" sends a',
    'template_card object as given. A refusal (for example errcode 93000, bad key) is a node error',
    'with the platform code. Outputs the input item with the platform answer under `weCom`.',
  ].join('\n'),
  params: {
    messageType: p.options({
      label: 'Message Type',
      options: [
        { value: 'text', label: 'Text' },
        { value: 'markdown', label: 'Markdown' },
        { value: 'template_card', label: 'Interactive Card (Template Card)' },
      ],
      default: 'text',
    }),
    text: p.string({
      label: 'Text',
      rows: 4,
      required: true,
      displayOptions: { show: { messageType: ['text'] } },
    }),
    markdown: p.string({
      label: 'Markdown',
      rows: 6,
      required: true,
      displayOptions: { show: { messageType: ['markdown'] } },
    }),
    card: p.json({
      label: 'Template Card (JSON)',
      description:
        'The template_card object: { "card_type": "text_notice", "main_title": …, "card_action": … }',
      default:
        '{\n  "card_type": "text_notice",\n  "main_title": { "title": "Hello" },\n  "card_action": { "type": 1, "url": "https://example.com" }\n}',
      displayOptions: { show: { messageType: ['template_card'] } },
    }),
    mentionedList: p.string({
      label: 'Mentioned User IDs',
      description: 'Comma-separated user IDs to @mention; "@all" for everyone',
      displayOptions: { show: { messageType: ['text'] } },
    }),
    mentionedMobileList: p.string({
      label: 'Mentioned Mobiles',
      description: 'Comma-separated mobile numbers to @mention',
      displayOptions: { show: { messageType: ['text'] } },
    }),
  },
  async run(ctx) {
    const node = ctx.node.name;
    const credential = nodeCredential(weComBot, await ctx.credentials('weComBotApi'), node);
    const key = new URL(credential.webhookUrl).searchParams.get('key') ?? '';
    const items = await mapItemsAsync(ctx, async (item, itemIndex): Promise<Item> => {
      const params = ctx.params(itemIndex);
      const body =
        params.messageType === 'text'
          ? {
              msgtype: 'text',
              text: {
                content: params.text,
                mentioned_list: listOf(params.mentionedList),
                mentioned_mobile_list: listOf(params.mentionedMobileList),
              },
            }
          : params.messageType === 'markdown'
            ? { msgtype: 'markdown', markdown: { content: params.markdown } }
            : { msgtype: 'template_card', template_card: jsonObject(params.card, node, 'card', itemIndex) };
      const answer = await postToBot({
        node,
        platform: 'WeCom',
        url: credential.webhookUrl,
        body,
        result: (a) => ({
          code: typeof a.errcode === 'number' ? a.errcode : 0,
          message: String(a.errmsg ?? ''),
        }),
        hint: (code) => HINTS[code],
        secrets: [key],
        signal: ctx.signal,
        itemIndex,
      });
      return { json: { ...item.json, weCom: answer }, pairedItem: { item: itemIndex } };
    });
    return [items];
  },
});
