/**
 * 钉钉 / DingTalk group robot: posts text (with @mentions), markdown or an
 * ActionCard to the robot webhook, signed with the 加签 secret.
 */
import { defineNode, type Item, p } from '@guixu/core';
import { jsonObject, postToBot } from '../shared/bot-webhook.ts';
import { nodeCredential } from '../shared/credential-error.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import dingTalkRobot from './dingtalk-robot.credentials.ts';
import { signedDingTalkUrl } from './dingtalk-sign.ts';

const HINTS: Record<number, string> = {
  310000: 'the signature, keyword or IP check failed: check the signing secret and the server clock',
  300001: 'the access_token in the webhook URL is invalid',
  130101: 'too many messages: DingTalk allows 20 a minute per robot',
};

const mobilesOf = (list: string) =>
  list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export default defineNode({
  type: 'guixu.dingTalk',
  version: 1,
  displayName: 'DingTalk / 钉钉 Robot',
  description: 'Sends text, markdown or ActionCard messages to a DingTalk (钉钉) group through a robot.',
  group: 'action',
  icon: 'send',
  defaultName: 'DingTalk',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'dingTalkRobotApi', required: true }],
  docs: [
    'Posts one message per input item to the robot webhook. With a signing secret the URL carries',
    '`timestamp` and `sign` (HMAC-SHA256 as DingTalk documents). Text and markdown can @mention',
    'mobiles or everyone; "Interactive Card" sends an ActionCard object as given.',
    'A refusal (for example errcode 310000, bad signature) is a node error with the platform code.',
    'Outputs the input item with the platform answer under `dingTalk`.',
  ].join('\n'),
  params: {
    messageType: p.options({
      label: 'Message Type',
      options: [
        { value: 'text', label: 'Text' },
        { value: 'markdown', label: 'Markdown' },
        { value: 'actionCard', label: 'Interactive Card (ActionCard)' },
      ],
      default: 'text',
    }),
    text: p.string({
      label: 'Text',
      rows: 4,
      required: true,
      displayOptions: { show: { messageType: ['text'] } },
    }),
    title: p.string({
      label: 'Title',
      required: true,
      description: 'Shown in the conversation list',
      displayOptions: { show: { messageType: ['markdown'] } },
    }),
    markdown: p.string({
      label: 'Markdown',
      rows: 6,
      required: true,
      displayOptions: { show: { messageType: ['markdown'] } },
    }),
    card: p.json({
      label: 'ActionCard (JSON)',
      description: '{ "title", "text", "singleTitle", "singleURL" } or { "title", "text", "btns": [...] }',
      default:
        '{\n  "title": "Title",\n  "text": "**Hello**",\n  "singleTitle": "Open",\n  "singleURL": "https://example.com"\n}',
      displayOptions: { show: { messageType: ['actionCard'] } },
    }),
    atMobiles: p.string({
      label: 'At Mobiles',
      description: 'Comma-separated mobile numbers to @mention',
      displayOptions: { show: { messageType: ['text', 'markdown'] } },
    }),
    isAtAll: p.boolean({
      label: 'At All',
      displayOptions: { show: { messageType: ['text', 'markdown'] } },
    }),
  },
  async run(ctx) {
    const node = ctx.node.name;
    const credential = nodeCredential(dingTalkRobot, await ctx.credentials('dingTalkRobotApi'), node);
    const items = await mapItemsAsync(ctx, async (item, itemIndex): Promise<Item> => {
      const params = ctx.params(itemIndex);
      const at = { atMobiles: mobilesOf(params.atMobiles), isAtAll: params.isAtAll };
      const body =
        params.messageType === 'text'
          ? { msgtype: 'text', text: { content: params.text }, at }
          : params.messageType === 'markdown'
            ? { msgtype: 'markdown', markdown: { title: params.title, text: params.markdown }, at }
            : { msgtype: 'actionCard', actionCard: jsonObject(params.card, node, 'card', itemIndex) };
      const url = credential.secret
        ? signedDingTalkUrl(credential.webhookUrl, credential.secret, ctx.now())
        : credential.webhookUrl;
      const answer = await postToBot({
        node,
        platform: 'DingTalk',
        url,
        body,
        result: (a) => ({
          code: typeof a.errcode === 'number' ? a.errcode : 0,
          message: String(a.errmsg ?? ''),
        }),
        hint: (code) => HINTS[code],
        secrets: [credential.secret, new URL(credential.webhookUrl).searchParams.get('access_token') ?? ''],
        signal: ctx.signal,
        itemIndex,
      });
      return { json: { ...item.json, dingTalk: answer }, pairedItem: { item: itemIndex } };
    });
    return [items];
  },
});
