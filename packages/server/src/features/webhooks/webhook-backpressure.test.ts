import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { eventually } from '../schedules/schedule-test-kit.ts';
import { activeWorkflow, chain, node } from './webhook-test-kit.ts';

describe('webhooks when the instance is saturated', () => {
  let t: TestApp;
  const held: ServerResponse<IncomingMessage>[] = [];
  const slow = createServer((_request, response) => {
    held.push(response);
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const address = slow.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    t = await createTestApp('sqlite', { env: { GUIXU_MAX_CONCURRENCY: '1', GUIXU_MAX_PENDING: '0' } });
    await activeWorkflow(
      t,
      [
        node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path: 'slow', responseMode: 'lastNode' }),
        node('Call', 'guixu.httpRequest', { method: 'GET', url: `http://127.0.0.1:${port}/` }),
      ],
      chain(['Webhook', 'Call']),
    );
  });
  afterAll(async () => {
    for (const response of held) response.end();
    await t.dispose();
    await new Promise((resolve) => slow.close(resolve));
  });

  it('answers 429 with Retry-After while every slot is busy, and runs again afterwards', async () => {
    const first = t.app.inject({ method: 'POST', url: '/webhook/slow' });
    await eventually(async () => (held.length > 0 ? true : undefined), 10_000, 'the first run to call out');
    const refused = await t.app.inject({ method: 'POST', url: '/webhook/slow' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'EXECUTION_QUEUE_FULL' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    held[0].setHeader('content-type', 'application/json');
    held[0].end('{"ok":true}');
    expect((await first).json()).toEqual({ ok: true });
    const again = t.app.inject({ method: 'POST', url: '/webhook/slow' });
    await eventually(async () => (held.length > 1 ? true : undefined), 10_000, 'the next run to call out');
    held[1].setHeader('content-type', 'application/json');
    held[1].end('{"ok":2}');
    expect((await again).statusCode).toBe(200);
  });

  it('never lets a __proto__ key of a JSON body reach the item', async () => {
    await activeWorkflow(
      t,
      [
        node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path: 'proto', responseMode: 'lastNode' }),
        node('Keys', 'guixu.set', {
          mode: 'raw',
          jsonOutput: '={{ JSON.stringify({ keys: Object.keys($json.body) }) }}',
        }),
      ],
      chain(['Webhook', 'Keys']),
    );
    const response = await t.app.inject({
      method: 'POST',
      url: '/webhook/proto',
      payload: '{"a":1,"__proto__":{"polluted":true}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.json()).toEqual({ keys: ['a'] });
  });
});
