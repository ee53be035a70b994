import { defineCredentialType, p } from '@guixu/core';

/** A 飞书 / Lark group custom bot: its webhook URL and the signing secret ("签名校验"). */
export default defineCredentialType({
  name: 'larkBotApi',
  displayName: 'Lark / 飞书 Custom Bot',
  description:
    'The webhook URL of a group custom bot and, when "signature verification" is on, its secret. No connection test: the only API posts a message.',
  documentationUrl: 'https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot',
  fields: {
    webhookUrl: p.string({
      label: 'Webhook URL',
      required: true,
      password: true,
      placeholder: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
    }),
    secret: p.string({
      label: 'Signing Secret',
      password: true,
      description: '签名校验 secret; empty when off',
    }),
  },
  secretFields: ['webhookUrl', 'secret'],
});
