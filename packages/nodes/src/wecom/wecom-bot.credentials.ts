import { defineCredentialType, p } from '@guixu/core';

/** A 企业微信 / WeCom group robot: its webhook URL, which carries the robot key. */
export default defineCredentialType({
  name: 'weComBotApi',
  displayName: 'WeCom / 企业微信 Group Robot',
  description:
    'The webhook URL of a group robot (…/cgi-bin/webhook/send?key=…); the key is the secret. No connection test: the only API posts a message.',
  documentationUrl: 'https://developer.work.weixin.qq.com/document/path/91770',
  fields: {
    webhookUrl: p.string({
      label: 'Webhook URL',
      required: true,
      password: true,
      placeholder: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
    }),
  },
  secretFields: ['webhookUrl'],
});
