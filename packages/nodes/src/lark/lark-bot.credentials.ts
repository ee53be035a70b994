import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import {
  botChecked,
  checkBotWebhook,
  refuse,
  textProblem,
  tokenProblem,
} from '../shared/workplace-credential-checks.ts';

const fields = {
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
};

const shape = { name: 'larkBotApi', displayName: 'Lark / 飞书 Custom Bot', fields, secretFields: [] };

/** The v2 custom-bot hook; the v1 form (/open-apis/bot/hook/…) takes another message format. */
const HOOK = /^\/open-apis\/bot\/v2\/hook\/([^/]*)$/;

/** A 飞书 / Lark group custom bot: its webhook URL and the signing secret ("签名校验"). */
export default defineCredentialType({
  name: 'larkBotApi',
  displayName: 'Lark / 飞书 Custom Bot',
  description:
    'The webhook URL of a group custom bot and, when "signature verification" is on, its secret. "Test" checks the URL and secret without sending anything: the only API posts a message.',
  documentationUrl: 'https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot',
  fields,
  secretFields: ['webhookUrl', 'secret'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return refuse(read.message);
    const { webhookUrl, secret } = read.data;
    const webhook = checkBotWebhook(webhookUrl, {
      platform: 'Lark',
      hosts: ['open.feishu.cn', 'open.larksuite.com'],
      form: 'https://open.feishu.cn/open-apis/bot/v2/hook/<id> (open.larksuite.com for Lark)',
      secret: 'the hook id',
      problem(url) {
        const hook = HOOK.exec(url.pathname);
        if (!hook) return 'is not a custom-bot hook (/open-apis/bot/v2/hook/<id>)';
        // The path is percent-encoded ("…" is %E2%80%A6); a malformed escape is left as is.
        const id = hook[1] ?? '';
        let decoded = id;
        try {
          decoded = decodeURIComponent(id);
        } catch {}
        return tokenProblem(decoded, 'hook id');
      },
    });
    if (!webhook.ok) return refuse(webhook.message);
    const secretProblem = secret === '' ? undefined : textProblem('Signing Secret', secret);
    if (secretProblem) return refuse(secretProblem);
    const hook =
      webhook.warnings.length > 0 ? 'The Webhook URL parses' : 'The Webhook URL is a custom-bot hook';
    const signing = secret
      ? 'each message is signed with the Signing Secret (timestamp + sign).'
      : 'no Signing Secret is set, so messages go unsigned (Lark refuses them when the bot has 签名校验 on).';
    return botChecked(`${hook}; ${signing}`, webhook.warnings);
  },
});
