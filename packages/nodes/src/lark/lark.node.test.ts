import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotServer } from '../shared/testing/bot-server.ts';
import { runNodeWorkflow } from '../shared/testing/run-node-workflow.ts';
import lark from './lark.node.ts';

const SECRET = 'lark-secret-1';
let server: Awaited<ReturnType<typeof startBotServer>>;

/** Verifies as open.feishu.cn does: HMAC-SHA256 keyed by "timestamp\nsecret" over "", timestamp within an hour. */
beforeAll(async () => {
  server = await startBotServer(({ url, body }) => {
    if (url.pathname !== '/open-apis/bot/v2/hook/abc')
      return { code: 19001, msg: 'param invalid: incoming webhook access token invalid' };
    const timestamp = Number(body.timestamp);
    const expected = createHmac('sha256', `${timestamp}\n${SECRET}`).update('').digest('base64');
    if (body.sign !== expected || Math.abs(Date.now() / 1000 - timestamp) > 3600) {
      return { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' };
    }
    return { code: 0, msg: 'success', data: {} };
  });
});
afterAll(() => server.close());

function run(parameters: Record<string, unknown>, secret = SECRET, items?: Record<string, unknown>[]) {
  return runNodeWorkflow({
    definition: lark,
    parameters,
    items: items as never,
    credential: {
      slot: 'larkBotApi',
      data: { webhookUrl: `${server.url}/open-apis/bot/v2/hook/abc`, secret },
    },
  });
}

describe('Lark bot against a local webhook that checks the signature', () => {
  it('sends signed text, markdown and card messages', async () => {
    server.received.length = 0;
    const text = await run({ text: '=hello {{ $json.name }}' }, SECRET, [{ name: 'ada' }]);
    expect(text.status).toBe('success');
    expect(text.output[0]).toMatchObject({ name: 'ada', lark: { code: 0, msg: 'success' } });
    const md = await run({ messageType: 'markdown', title: 'Build', markdown: '**green**' });
    expect(md.status).toBe('success');
    const card = await run({
      messageType: 'interactive',
      card: '{"elements":[{"tag":"div","text":{"tag":"plain_text","content":"x"}}]}',
    });
    expect(card.status).toBe('success');
    expect(server.received.map((r) => r.body.msg_type)).toEqual(['text', 'interactive', 'interactive']);
    expect(server.received[0]?.body.content).toEqual({ text: 'hello ada' });
    expect(server.received[1]?.body.card).toEqual({
      elements: [{ tag: 'markdown', content: '**green**' }],
      header: { title: { tag: 'plain_text', content: 'Build' } },
    });
  });

  it('a wrong secret is a clear node error with the platform code, the secret never shown', async () => {
    const wrong = await run({ text: 'x' }, 'not-the-secret');
    expect(wrong.status).toBe('error');
    expect(wrong.error?.message).toContain('Lark refused the message (code 19021)');
    expect(wrong.error?.message).toContain('check the signing secret');
    expect(wrong.error?.message).not.toContain('not-the-secret');
  });

  it('a card that is not a JSON object is a parameter error', async () => {
    const bad = await run({ messageType: 'interactive', card: '[1, 2]' });
    expect(bad.status).toBe('error');
    expect(bad.error?.message).toContain('"card" must be a JSON object');
  });
});
