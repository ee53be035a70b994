import { defineCredentialType, p } from '@guixu/core';

/** The callback secrets of a 企业微信 / WeCom app ("接收消息" → Token, EncodingAESKey) and the CorpID. */
export default defineCredentialType({
  name: 'weComCallbackApi',
  displayName: 'WeCom / 企业微信 Callback',
  description:
    'The Token and EncodingAESKey of a WeCom app\'s "receive messages" settings, and the CorpID. No connection test: WeCom calls the server.',
  documentationUrl: 'https://developer.work.weixin.qq.com/document/path/90930',
  fields: {
    token: p.string({ label: 'Token', password: true, required: true }),
    encodingAesKey: p.string({
      label: 'EncodingAESKey',
      password: true,
      required: true,
      description: '43 characters',
    }),
    corpId: p.string({ label: 'CorpID', required: true }),
  },
  secretFields: ['token', 'encodingAesKey'],
});
