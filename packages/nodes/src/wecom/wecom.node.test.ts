import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotServer } from '../shared/testing/bot-server.ts';
import { runNodeWorkflow } from '../shared/testing/run-node-workflow.ts';
import weCom from './wecom.node.ts';

const KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
let server: Awaited<ReturnType<typeof startBotServer>>;

/** Answers as qyapi.weixin.qq.com does: the key must match, and msgtype must be known. */
beforeAll(async () => {
  server = await startBotServer(({ url, body }) => {
    if (url.pathname !== '/cgi-bin/webhook/send' || url.searchParams.get('key') !== KEY) {
      return {
        errcode: 93000,
        errmsg: `invalid webhook url, hint: [1700000000_1], key: ${url.searchParams.get('key')}`,
      };
    }
    if (!['text', 'markdown', 'template_card'].includes(String(body.msgtype)))
      return { errcode: 40008, errmsg: 'invalid message type' };
    return { errcode: 0, errmsg: 'ok' };
  });
});
afterAll(() => server.close());

function run(parameters: Record<string, unknown>, key = KEY) {
  return runNodeWorkflow({
    definition: weCom,
    parameters,
    credential: {
      slot: 'weComBotApi',
      data: { webhookUrl: `${server.url}/cgi-bin/webhook/send?key=${key}` },
    },
  });
}

describe('WeCom robot against a local webhook', () => {
  it('sends text with mentions, markdown and a template card', async () => {
    server.received.length = 0;
    expect(
      (await run({ text: 'hi', mentionedList: '@all', mentionedMobileList: '13800000000' })).status,
    ).toBe('success');
    expect((await run({ messageType: 'markdown', markdown: '**ok**' })).status).toBe('success');
    const card = {
      card_type: 'text_notice',
      main_title: { title: 'T' },
      card_action: { type: 1, url: 'https://e.x' },
    };
    const sent = await run({ messageType: 'template_card', card: JSON.stringify(card) });
    expect(sent.output[0]).toMatchObject({ weCom: { errcode: 0 } });
    expect(server.received.map((r) => r.body)).toEqual([
      {
        msgtype: 'text',
        text: { content: 'hi', mentioned_list: ['@all'], mentioned_mobile_list: ['13800000000'] },
      },
      { msgtype: 'markdown', markdown: { content: '**ok**' } },
      { msgtype: 'template_card', template_card: card },
    ]);
  });

  it('a wrong key is a clear node error that does not repeat the key', async () => {
    const wrong = await run({ text: 'x' }, 'bad-key-123');
    expect(wrong.status).toBe('error');
    expect(wrong.error?.message).toContain('WeCom refused the message (code 93000)');
    expect(wrong.error?.message).toContain('webhook key is invalid');
    expect(wrong.error?.message).not.toContain('bad-key-123');
  });
});
