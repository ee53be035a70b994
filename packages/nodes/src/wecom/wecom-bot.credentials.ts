import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import {
  botChecked,
  checkBotWebhook,
  queryTokenProblem,
  refuse,
} from '../shared/workplace-credential-checks.ts';

const fields = {
  webhookUrl: p.string({
    label: 'Webhook URL',
    required: true,
    password: true,
    placeholder: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  }),
};

const shape = { name: 'weComBotApi', displayName: 'WeCom / 企业微信 Group Robot', fields, secretFields: [] };

/** A 企业微信 / WeCom group robot: its webhook URL, which carries the robot key. */
export default defineCredentialType({
  name: 'weComBotApi',
  displayName: 'WeCom / 企业微信 Group Robot',
  description:
    'The webhook URL of a group robot (…/cgi-bin/webhook/send?key=…); the key is the secret. "Test" checks the URL without sending anything: the only API posts a message.',
  documentationUrl: 'https://developer.work.weixin.qq.com/document/path/91770',
  fields,
  secretFields: ['webhookUrl'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return refuse(read.message);
    const webhook = checkBotWebhook(read.data.webhookUrl, {
      platform: 'WeCom',
      hosts: ['qyapi.weixin.qq.com'],
      form: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
      secret: 'the key',
      problem(url) {
        if (url.pathname !== '/cgi-bin/webhook/send') {
          return 'is not a group-robot URL (/cgi-bin/webhook/send)';
        }
        return queryTokenProblem(url, 'key');
      },
    });
    if (!webhook.ok) return refuse(webhook.message);
    const summary =
      webhook.warnings.length > 0
        ? 'The Webhook URL parses.'
        : 'The Webhook URL is a group-robot URL with its key.';
    return botChecked(summary, webhook.warnings);
  },
});
