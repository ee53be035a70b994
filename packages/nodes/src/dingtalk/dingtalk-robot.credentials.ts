import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import {
  botChecked,
  checkBotWebhook,
  queryTokenProblem,
  refuse,
  textProblem,
} from '../shared/workplace-credential-checks.ts';

const fields = {
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
};

const shape = { name: 'dingTalkRobotApi', displayName: 'DingTalk / 钉钉 Robot', fields, secretFields: [] };

/** What is wrong with a 加签 secret (DingTalk shows it as SEC followed by hex). */
function secretProblem(secret: string, accessToken: string | null): string | undefined {
  const problem = textProblem('Signing Secret', secret);
  if (problem) return problem;
  if (secret === accessToken) {
    return '"Signing Secret" holds the access_token; the 加签 secret is the other value, starting with SEC';
  }
  if (!secret.startsWith('SEC')) {
    return '"Signing Secret" must start with SEC: it is the 加签 secret DingTalk shows under the robot\'s security settings';
  }
  return undefined;
}

/** A 钉钉 / DingTalk group robot: its webhook URL (with access_token) and the 加签 secret. */
export default defineCredentialType({
  name: 'dingTalkRobotApi',
  displayName: 'DingTalk / 钉钉 Robot',
  description:
    'The webhook URL of a group robot (…/robot/send?access_token=…) and, with "加签" security, its SEC… secret. "Test" checks the URL and secret without sending anything: the only API posts a message.',
  documentationUrl: 'https://open.dingtalk.com/document/robots/customize-robot-security-settings',
  fields,
  secretFields: ['webhookUrl', 'secret'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return refuse(read.message);
    const { webhookUrl, secret } = read.data;
    const webhook = checkBotWebhook(webhookUrl, {
      platform: 'DingTalk',
      hosts: ['oapi.dingtalk.com'],
      form: 'https://oapi.dingtalk.com/robot/send?access_token=…',
      secret: 'the access_token',
      problem(url) {
        if (url.pathname !== '/robot/send') return 'is not a robot URL (/robot/send)';
        return queryTokenProblem(url, 'access_token');
      },
    });
    if (!webhook.ok) return refuse(webhook.message);
    if (secret) {
      const problem = secretProblem(secret, webhook.url.searchParams.get('access_token'));
      if (problem) return refuse(problem);
    }
    const robot =
      webhook.warnings.length > 0
        ? 'The Webhook URL parses'
        : 'The Webhook URL is a robot URL with its access_token';
    const signing = secret
      ? 'the Signing Secret has the 加签 form (SEC…), so each message is signed (timestamp + sign).'
      : 'no Signing Secret is set, so messages go unsigned (fine with keyword or IP security; DingTalk refuses them with 310000 when the robot uses 加签).';
    return botChecked(`${robot}; ${signing}`, webhook.warnings);
  },
});
