import { randomBytes } from 'node:crypto';
import { type ChannelModel, connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConnections, openConnectionCount } from '../shared/connection-cache.ts';
import { runNodeWorkflow } from '../shared/testing/run-node-workflow.ts';
import rabbitmqCredential from './rabbitmq.credentials.ts';
import rabbitmq from './rabbitmq.node.ts';

/** Against the RabbitMQ broker on this machine (127.0.0.1:5672, guest/guest); queues and exchanges named per run. */
const id = randomBytes(4).toString('hex');
const credential = { hostname: '127.0.0.1', port: 5672, username: 'guest', password: 'guest', vhost: '/' };
let admin: ChannelModel;

function run(
  parameters: Record<string, unknown>,
  items?: Record<string, unknown>[],
  data: Record<string, unknown> = credential,
) {
  return runNodeWorkflow({
    definition: rabbitmq,
    parameters,
    credential: { slot: 'rabbitmq', data },
    items: items as never,
  });
}

async function drain(queue: string): Promise<{ body: string; headers: unknown; persistent: boolean }[]> {
  const channel = await admin.createChannel();
  const out: { body: string; headers: unknown; persistent: boolean }[] = [];
  for (;;) {
    const message = await channel.get(queue, { noAck: true });
    if (message === false) break;
    out.push({
      body: message.content.toString(),
      headers: message.properties.headers,
      persistent: message.properties.deliveryMode === 2,
    });
  }
  await channel.close();
  return out;
}

const created: { queues: string[]; exchanges: string[] } = { queues: [], exchanges: [] };

beforeAll(async () => {
  admin = await connect('amqp://guest:guest@127.0.0.1:5672');
});

afterAll(async () => {
  await closeConnections();
  const channel = await admin.createChannel();
  for (const queue of created.queues) await channel.deleteQueue(queue);
  for (const exchange of created.exchanges) await channel.deleteExchange(exchange);
  await admin.close();
});

describe('RabbitMQ node against the real broker', () => {
  it('sends each item as JSON to a queue, with headers and publish options, confirmed by the broker', async () => {
    const queue = `gx-send-${id}`;
    created.queues.push(queue);
    const result = await run(
      {
        operation: 'sendMessage',
        mode: 'queue',
        queue,
        options: {
          headers: { header: [{ key: 'x-source', value: '={{ $json.source }}' }] },
          arguments: { argument: [{ key: 'persistent', value: 'true' }] },
        },
      },
      [
        { n: 1, source: 'a' },
        { n: 2, source: 'b' },
      ],
    );
    expect(result.status).toBe('success');
    expect(result.output).toEqual([{ success: true }, { success: true }]);
    expect(await drain(queue)).toEqual([
      { body: '{"n":1,"source":"a"}', headers: { 'x-source': 'a' }, persistent: true },
      { body: '{"n":2,"source":"b"}', headers: { 'x-source': 'b' }, persistent: true },
    ]);
    // One cached connection for the credential, closed on request.
    expect(openConnectionCount()).toBeGreaterThanOrEqual(1);
  });

  it('declares each queue an item names before publishing to it', async () => {
    const queues = [`gx-a-${id}`, `gx-b-${id}`];
    created.queues.push(...queues);
    const result = await run({ mode: 'queue', queue: '={{ $json.to }}' }, [
      { to: queues[0] },
      { to: queues[1] },
      { to: queues[0] },
    ]);
    expect(result.status).toBe('success');
    expect((await drain(queues[0])).map((m) => JSON.parse(m.body).to)).toEqual([queues[0], queues[0]]);
    expect((await drain(queues[1])).map((m) => m.body)).toEqual([JSON.stringify({ to: queues[1] })]);
  });

  it('publishes a message text to a topic exchange with a routing key', async () => {
    const exchange = `gx-ex-${id}`;
    const queue = `gx-bound-${id}`;
    created.exchanges.push(exchange);
    created.queues.push(queue);
    const channel = await admin.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    await channel.assertQueue(queue);
    await channel.bindQueue(queue, exchange, 'orders.*');
    await channel.close();
    const result = await run(
      {
        operation: 'sendMessage',
        mode: 'exchange',
        exchange,
        exchangeType: 'topic',
        routingKey: '={{ $json.key }}',
        sendInputData: false,
        message: '=order {{ $json.id }}',
      },
      [
        { id: 7, key: 'orders.created' },
        { id: 8, key: 'invoices.created' },
      ],
    );
    expect(result.status).toBe('success');
    expect((await drain(queue)).map((m) => m.body)).toEqual(['order 7']);
  });

  it('reports a refused command (a queue redeclared with other settings) as a node error', async () => {
    const queue = `gx-durable-${id}`;
    created.queues.push(queue);
    const channel = await admin.createChannel();
    await channel.assertQueue(queue, { durable: true });
    await channel.close();
    const result = await run({ mode: 'queue', queue, options: { durable: false } });
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({
      node: 'DB',
      details: { code: 'RABBITMQ_COMMAND_FAILED' },
    });
    expect(result.error?.message).toMatch(
      /RabbitMQ rejected the command of node "DB": .*PRECONDITION_FAILED/,
    );
    // Without "Assert Queue" a missing queue is the error.
    const missing = await run({ mode: 'queue', queue: `gx-missing-${id}`, options: { assertQueue: false } });
    expect(missing.error?.message).toMatch(/NOT_FOUND/);
  });

  it('refuses a wrong password and an unreachable host with clear errors', async () => {
    const wrong = await run({ mode: 'queue', queue: `gx-never-${id}` }, undefined, {
      ...credential,
      password: 'wrong',
    });
    expect(wrong.status).toBe('error');
    expect(wrong.error?.details).toMatchObject({ code: 'RABBITMQ_AUTH_FAILED' });
    expect(wrong.error?.message).toContain('could not sign in to RabbitMQ at 127.0.0.1:5672');
    expect(wrong.error?.message).not.toContain('wrong');

    const down = await run({ mode: 'queue', queue: `gx-never-${id}` }, undefined, { ...credential, port: 1 });
    expect(down.error?.details).toMatchObject({ code: 'RABBITMQ_CONNECTION_FAILED' });
    expect(down.error?.message).toContain('could not connect to RabbitMQ at 127.0.0.1:1');
  });

  it('tests a credential', async () => {
    const test = rabbitmqCredential.test;
    if (!test) throw new Error('no test');
    const signal = new AbortController().signal;
    expect(await test(credential as never, signal)).toEqual({
      ok: true,
      message: 'Connected to RabbitMQ at 127.0.0.1:5672',
    });
    const refused = await test({ ...credential, password: 'nope' } as never, signal);
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/ACCESS_REFUSED/);
  });
});
