import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotServer } from '../shared/testing/bot-server.ts';
import { runNodeWorkflow } from '../shared/testing/run-node-workflow.ts';
import dingTalk from './dingtalk.node.ts';

const SECRET = 'SECabc123';
const TOKEN = 'tok-1';
let server: Awaited<ReturnType<typeof startBotServer>>;

/** Verifies as oapi.dingtalk.com does: access_token, then sign = base64(HMAC-SHA256(secret, "timestamp\nsecret")), timestamp in ms within an hour. */
beforeAll(async () => {
  server = await startBotServer(({ url }) => {
    if (url.searchParams.get('access_token') !== TOKEN)
      return { errcode: 300001, errmsg: 'token is not exist' };
    const timestamp = url.searchParams.get('timestamp') ?? '';
    const expected = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
    if (url.searchParams.get('sign') !== expected || Math.abs(Date.now() - Number(timestamp)) > 3_600_000) {
      return {
        errcode: 310000,
        errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]',
      };
    }
    return { errcode: 0, errmsg: 'ok' };
  });
});
afterAll(() => server.close());

function run(parameters: Record<string, unknown>, secret = SECRET, token = TOKEN) {
  return runNodeWorkflow({
    definition: dingTalk,
    parameters,
    credential: {
      slot: 'dingTalkRobotApi',
      data: { webhookUrl: `${server.url}/robot/send?access_token=${token}`, secret },
    },
  });
}

describe('DingTalk robot against a local webhook that checks the signature', () => {
  it('sends signed text with mentions, markdown and an ActionCard', async () => {
    server.received.length = 0;
    const text = await run({ text: 'deploy done', atMobiles: '13800000000, 13900000000' });
    expect(text.status).toBe('success');
    expect(text.output[0]).toMatchObject({ dingTalk: { errcode: 0, errmsg: 'ok' } });
    expect((await run({ messageType: 'markdown', title: 'T', markdown: '# hi', isAtAll: true })).status).toBe(
      'success',
    );
    expect(
      (
        await run({
          messageType: 'actionCard',
          card: { title: 'T', text: 'x', singleTitle: 'Go', singleURL: 'https://e.x' },
        })
      ).status,
    ).toBe('success');
    expect(server.received.map((r) => r.body)).toEqual([
      {
        msgtype: 'text',
        text: { content: 'deploy done' },
        at: { atMobiles: ['13800000000', '13900000000'], isAtAll: false },
      },
      { msgtype: 'markdown', markdown: { title: 'T', text: '# hi' }, at: { atMobiles: [], isAtAll: true } },
      {
        msgtype: 'actionCard',
        actionCard: { title: 'T', text: 'x', singleTitle: 'Go', singleURL: 'https://e.x' },
      },
    ]);
  });

  it('a wrong secret or token is a clear node error, secrets never shown', async () => {
    const wrong = await run({ text: 'x' }, 'SECwrong');
    expect(wrong.status).toBe('error');
    expect(wrong.error?.message).toContain('DingTalk refused the message (code 310000)');
    expect(wrong.error?.message).not.toContain('SECwrong');
    const token = await run({ text: 'x' }, SECRET, 'nope');
    expect(token.error?.message).toContain('access_token in the webhook URL is invalid');
  });
});
