import { defineCredentialType, p } from '@guixu/core';

/** A 钉钉 / DingTalk group robot: its webhook URL (with access_token) and the 加签 secret. */
export default defineCredentialType({
  name: 'dingTalkRobotApi',
  displayName: 'DingTalk / 钉钉 Robot',
  description:
    'The webhook URL of a group robot (…/robot/send?access_token=…) and, with "加签" security, its SEC… secret. No connection test: the only API posts a message.',
  documentationUrl: 'https://open.dingtalk.com/document/robots/customize-robot-security-settings',
  fields: {
    webhookUrl: p.string({
      label: 'Webhook URL',
      required: true,
      password: true,
      placeholder: 'https://oapi.dingtalk.com/robot/send?access_token=…',
    }),
    secret: p.string({
      label: 'Signing Secret',
      password: true,
      description: '加签 secret (SEC…); empty when off',
    }),
  },
  secretFields: ['webhookUrl', 'secret'],
});
