import { defineCredentialType, p } from '@guixu/core';

/** The HTTP event subscription secrets of a 钉钉 / DingTalk app ("事件订阅" → 加密 aes_key, 签名 token). */
export default defineCredentialType({
  name: 'dingTalkCallbackApi',
  displayName: 'DingTalk / 钉钉 Event Subscription',
  description:
    "The token, aes_key and AppKey (or CorpId / SuiteKey) of a DingTalk app's HTTP event subscription. No connection test: DingTalk calls the server.",
  documentationUrl: 'https://open.dingtalk.com/document/orgapp/configure-event-subcription',
  fields: {
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
  },
  secretFields: ['token', 'encodingAesKey'],
});
