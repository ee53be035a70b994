import { defineCredentialType, p } from '@guixu/core';

/** The event subscription secrets of a 飞书 / Lark app ("事件与回调" → "加密策略"). */
export default defineCredentialType({
  name: 'larkEventApi',
  displayName: 'Lark / 飞书 Event Subscription',
  description:
    "The Verification Token and Encrypt Key of a Lark app's event subscription. No connection test: Lark calls the server, not the other way round.",
  documentationUrl:
    'https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/configure-encrypt-key',
  fields: {
    verificationToken: p.string({ label: 'Verification Token', password: true, required: true }),
    encryptKey: p.string({
      label: 'Encrypt Key',
      password: true,
      description: 'Empty when encryption is off',
    }),
  },
  secretFields: ['verificationToken', 'encryptKey'],
});
