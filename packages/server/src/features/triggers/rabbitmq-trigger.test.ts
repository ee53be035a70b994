import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ChannelModel, connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../testing/test-app.ts';
import { eventually } from '../schedules/schedule-test-kit.ts';
import { activeWorkflow, api, chain, createWorkflow, node } from '../webhooks/webhook-test-kit.ts';
import {
  settlesAt,
  startTcpProxy,
  type TcpProxy,
  type TriggeredRun,
  triggeredRuns,
  unique,
  triggerTestApp,
} from './broker-test-kit.ts';

/**
 * The RabbitMQ Trigger through the server, against the local broker: the
 * trigger's credential points at a TCP proxy of the test's own, which counts
 * its connections (activation opens one, deactivation closes it) and cuts them
 * all at once mid-execution, as a broker restart would, without disturbing the
 * other tests on the shared broker. Queue names are unique per test.
 */
let t: TestApp;
let admin: ChannelModel;
let proxy: TcpProxy;
let credentialId: string;
/** The trigger's connections, as the proxy sees them. */
const connections = async () => proxy.open();

/** Holds requests to `/hold` until released: an execution in flight while the test drops the connection. */
const held: ServerResponse[] = [];
let hold = false;
let http: Server;
let httpUrl: string;

async function connectAdmin(): Promise<void> {
  // The test's own connection goes straight to the broker: the proxy counts only the trigger's.
  admin = await connect({ hostname: '127.0.0.1', port: 5672, username: 'guest', password: 'guest' });
  admin.on('error', () => undefined);
}

async function publish(queue: string, ...bodies: unknown[]): Promise<void> {
  const channel = await admin.createConfirmChannel();
  await channel.assertQueue(queue, { durable: true });
  for (const body of bodies) {
    channel.sendToQueue(queue, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), {
      persistent: true,
    });
  }
  await channel.waitForConfirms();
  await channel.close();
}

/** Ready and unacknowledged messages are both 0 only once every message was acknowledged or rejected. */
async function messagesLeft(queue: string): Promise<number> {
  const channel = await admin.createChannel();
  const { messageCount } = await channel.checkQueue(queue);
  await channel.close();
  return messageCount;
}

const trigger = (queue: string, options: Record<string, unknown>) =>
  node(
    'Rabbit',
    'guixu.rabbitmqTrigger',
    { queue, options },
    {
      credentials: { rabbitmq: { id: credentialId, name: 'Local RabbitMQ' } },
    },
  );

const succeeded = (runs: TriggeredRun[]) => runs.filter((r) => r.status === 'success');
const contentOf = (run: TriggeredRun) => Reflect.get(Object(Reflect.get(Object(run.json), 'content')), 'n');

beforeAll(async () => {
  proxy = await startTcpProxy(5672);
  await connectAdmin();
  http = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (hold && request.url?.startsWith('/hold')) {
      held.push(response);
      return;
    }
    response.setHeader('content-type', 'application/json');
    response.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  t = await triggerTestApp();
  const events = t.ctx.services.get('triggers').events;
  events.backoff = { baseMs: 100, maxMs: 1000 };
  await events.start();
  const created = await api(t, 'POST', '/api/v1/credentials', {
    name: 'Local RabbitMQ',
    type: 'rabbitmq',
    data: { hostname: '127.0.0.1', port: proxy.port, username: 'guest', password: 'guest' },
  });
  credentialId = String(Reflect.get(Object(created.body), 'id'));
}, 120_000);

afterAll(async () => {
  await t.ctx.services.get('triggers').events.stop();
  await t.dispose();
  await admin.close().catch(() => undefined);
  for (const response of held) response.end();
  await new Promise((resolve) => http.close(resolve));
  await proxy.close();
}, 120_000);

describe('RabbitMQ Trigger through the server', () => {
  it('acknowledges after success, gives a failed message back, and opens/closes one connection', async () => {
    const queue = unique('gx-q');
    await publish(queue); // declares it
    const id = await activeWorkflow(
      t,
      [
        trigger(queue, {
          acknowledge: 'executionFinishesSuccessfully',
          jsonParseBody: true,
          parallelMessages: 1,
        }),
        node('Check', 'guixu.code', {
          mode: 'runOnceForAllItems',
          jsCode:
            "for (const item of $input.all()) { if (item.json.content.failFirst && !item.json.fields.redelivered) throw new Error('first delivery fails'); }\nreturn $input.all();",
        }),
      ],
      chain(['Rabbit', 'Check']),
    );
    expect(await settlesAt(connections, 1, 'the trigger connection')).toBe(1);

    await publish(queue, { n: 1 }, { n: 2, failFirst: true }, { n: 3 });
    const runs = await eventually(
      async () => {
        const found = await triggeredRuns(t, id, 'Rabbit');
        return succeeded(found).length >= 3 ? found : undefined;
      },
      60_000,
      'three successful runs',
    );
    expect(succeeded(runs).map(contentOf).sort()).toEqual([1, 2, 3]);
    const failed = runs.filter((r) => r.status === 'error');
    expect(failed.map(contentOf)).toEqual([2]);
    expect(runs.find((r) => r.status === 'success' && contentOf(r) === 2)?.json).toMatchObject({
      fields: { redelivered: true, routingKey: queue },
      content: { n: 2, failFirst: true },
    });

    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
    expect(await settlesAt(connections, 0, 'the trigger connection to close')).toBe(0);
    // Nothing was left unacknowledged: after the consumer closed, the queue is empty.
    expect(await messagesLeft(queue)).toBe(0);
  }, 180_000);

  it('loses no message when the broker drops the connection mid-execution, and reconnects', async () => {
    const queue = unique('gx-q');
    await publish(queue);
    const id = await activeWorkflow(
      t,
      [
        trigger(queue, { acknowledge: 'executionFinishesSuccessfully', jsonParseBody: true }),
        node('Hold', 'guixu.httpRequest', { method: 'GET', url: `=${httpUrl}/hold?n={{ $json.content.n }}` }),
      ],
      chain(['Rabbit', 'Hold']),
    );
    await settlesAt(connections, 1, 'the trigger connection');
    hold = true;
    await publish(queue, { n: 1 });
    await eventually(
      async () => (held.length === 1 ? true : undefined),
      60_000,
      'the execution to be in flight',
    );

    proxy.dropAll();
    const events = t.ctx.services.get('triggers').events;
    await eventually(
      async () =>
        (events.status(id)[0]?.failures ?? 0) > 0 || events.status(id)[0]?.state === 'retrying'
          ? true
          : undefined,
      30_000,
      'the trigger to notice the drop',
    );
    // Published while the trigger may still be reconnecting: the broker keeps it.
    await publish(queue, { n: 2 });
    // The in-flight execution now succeeds, but its acknowledgement had no channel left.
    hold = false;
    for (const response of held.splice(0)) response.end('{"ok":true}');

    const runs = await eventually(
      async () => {
        const found = succeeded(await triggeredRuns(t, id, 'Rabbit'));
        const seen = new Set(found.map(contentOf));
        return seen.has(1) &&
          seen.has(2) &&
          found.some(
            (r) =>
              contentOf(r) === 1 &&
              Reflect.get(Object(Reflect.get(Object(r.json), 'fields')), 'redelivered') === true,
          )
          ? found
          : undefined;
      },
      60_000,
      'both messages handled after the reconnect',
    );
    expect(runs.map(contentOf)).toContain(1);
    expect(events.status(id)[0]).toMatchObject({ state: 'listening', failures: 0 });
    expect(await settlesAt(connections, 1, 'one trigger connection again')).toBe(1);

    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
    await settlesAt(connections, 0, 'the trigger connection to close');
    expect(await messagesLeft(queue)).toBe(0);
  }, 180_000);

  it('refuses activation with a wrong password; reports an unreachable broker and a malformed message', async () => {
    const wrong = await api(t, 'POST', '/api/v1/credentials', {
      name: 'Wrong RabbitMQ',
      type: 'rabbitmq',
      data: { hostname: '127.0.0.1', port: proxy.port, username: 'guest', password: 'not-the-password' },
    });
    const refused = await createWorkflow(
      t,
      [
        node(
          'Rabbit',
          'guixu.rabbitmqTrigger',
          { queue: unique('gx-q'), options: {} },
          {
            credentials: {
              rabbitmq: { id: String(Reflect.get(Object(wrong.body), 'id')), name: 'Wrong RabbitMQ' },
            },
          },
        ),
      ],
      {},
    );
    const answer = await api(t, 'POST', `/api/v1/workflows/${refused}/activate`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'RABBITMQ_AUTH_FAILED' });
    expect(String(Reflect.get(Object(answer.body), 'message'))).toContain(
      `Node "Rabbit" could not sign in to RabbitMQ at 127.0.0.1:${proxy.port}`,
    );

    const down = await api(t, 'POST', '/api/v1/credentials', {
      name: 'Down RabbitMQ',
      type: 'rabbitmq',
      data: { hostname: '127.0.0.1', port: 1, username: 'guest', password: 'guest' },
    });
    const unreachable = await activeWorkflow(
      t,
      [
        node(
          'Rabbit',
          'guixu.rabbitmqTrigger',
          { queue: unique('gx-q'), options: {} },
          {
            credentials: {
              rabbitmq: { id: String(Reflect.get(Object(down.body), 'id')), name: 'Down RabbitMQ' },
            },
          },
        ),
      ],
      {},
    );
    const events = t.ctx.services.get('triggers').events;
    expect(events.status(unreachable)[0]).toMatchObject({
      state: 'retrying',
      lastError: { code: 'RABBITMQ_CONNECTION_FAILED', node: 'Rabbit' },
    });
    await api(t, 'POST', `/api/v1/workflows/${unreachable}/deactivate`);

    const queue = unique('gx-q');
    await publish(queue);
    const id = await activeWorkflow(
      t,
      [trigger(queue, { jsonParseBody: true, acknowledge: 'executionFinishesSuccessfully' })],
      {},
    );
    await publish(queue, 'not json {');
    const status = await eventually(
      async () => events.status(id)[0]?.lastError,
      30_000,
      'the malformed message to be reported',
    );
    expect(status).toMatchObject({ code: 'RABBITMQ_MESSAGE_INVALID', node: 'Rabbit' });
    expect(status.message).toContain(`received a message on queue "${queue}" that is not valid JSON`);
    expect(await triggeredRuns(t, id, 'Rabbit')).toEqual([]);
    // Rejected, not requeued: the queue does not loop on it.
    expect(await messagesLeft(queue)).toBe(0);
    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
    await settlesAt(connections, 0, 'every trigger connection to close');
  }, 180_000);
});
