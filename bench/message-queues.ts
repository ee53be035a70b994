/**
 * Message-queue nodes against the local brokers: messages published per
 * second by the RabbitMQ, MQTT and NATS nodes (one run of many items), NATS
 * request round trips, and the RabbitMQ Trigger's listener consuming and
 * acknowledging after an (instant) execution. Prints numbers; asserts nothing.
 * Run: `npx tsx bench/message-queues.ts`.
 */
import { randomBytes } from 'node:crypto';
import type { EventTriggerContext, Workflow, WorkflowNode } from '@guixu/core';
import { connect as connectNats } from '@nats-io/transport-node';
import { connect as connectAmqp } from 'amqplib';
import mqtt from '../packages/nodes/src/mqtt/mqtt.node.ts';
import nats from '../packages/nodes/src/nats/nats.node.ts';
import rabbitmq from '../packages/nodes/src/rabbitmq/rabbitmq.node.ts';
import rabbitmqTrigger from '../packages/nodes/src/rabbitmq-trigger/rabbitmq-trigger.node.ts';
import { closeConnections } from '../packages/nodes/src/shared/connection-cache.ts';
import { runNodeWorkflow } from '../packages/nodes/src/shared/testing/run-node-workflow.ts';
import type { BenchRow } from './run.ts';

const id = randomBytes(4).toString('hex');
const rabbit = { hostname: '127.0.0.1', port: 5672, username: 'guest', password: 'guest', vhost: '/' };

async function perSecond(count: number, work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return count / ((performance.now() - t0) / 1000);
}

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ n: i, text: 'hello' }));

async function triggerConsume(queue: string, count: number): Promise<number> {
  const model = await connectAmqp('amqp://guest:guest@127.0.0.1:5672');
  const channel = await model.createConfirmChannel();
  await channel.assertQueue(queue, { durable: true });
  for (let i = 0; i < count; i++) channel.sendToQueue(queue, Buffer.from(`{"n":${i}}`));
  await channel.waitForConfirms();
  let seen = 0;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const node: WorkflowNode = {
    id: 'n',
    name: 'Rabbit',
    type: rabbitmqTrigger.type,
    typeVersion: 1,
    position: [0, 0],
    parameters: {},
  };
  const ctx: EventTriggerContext = {
    node,
    workflow: { name: 'bench', nodes: [node], connections: {} } as Workflow,
    workflowId: 'bench',
    params: {
      queue,
      options: { acknowledge: 'executionFinishesSuccessfully', parallelMessages: 100, jsonParseBody: true },
    },
    signal: new AbortController().signal,
    credentials: async <T extends Record<string, unknown>>() => rabbit as unknown as T,
    emit: async (_items, options) => {
      await options?.onDone?.({ status: 'success', ok: true });
      if (++seen === count) finish();
    },
    fail: (error) => console.error('listener failed', error),
    reportError: (error) => console.error('event failed', error),
    log: () => undefined,
  };
  const t0 = performance.now();
  const listen = rabbitmqTrigger.listen;
  if (!listen) throw new Error('no listener');
  const listener = await listen(ctx as never);
  await done;
  const rate = count / ((performance.now() - t0) / 1000);
  await listener.close();
  await channel.deleteQueue(queue);
  await model.close();
  return rate;
}

export default async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const queue = `gx-bench-${id}`;
  rows.push({
    name: 'RabbitMQ node: 2,000 items to a queue (confirmed)',
    value: await perSecond(2000, () =>
      runNodeWorkflow({
        definition: rabbitmq,
        parameters: { mode: 'queue', queue },
        credential: { slot: 'rabbitmq', data: rabbit },
        items: items(2000),
      }),
    ),
    unit: 'messages/s',
  });
  const admin = await connectAmqp('amqp://guest:guest@127.0.0.1:5672');
  await (await admin.createChannel()).deleteQueue(queue);
  await admin.close();
  rows.push({
    name: 'RabbitMQ Trigger listener: consume + ack after onDone (prefetch 100)',
    value: await triggerConsume(`gx-bench-trigger-${id}`, 2000),
    unit: 'messages/s',
  });
  for (const qos of [0, 1, 2]) {
    rows.push({
      name: `MQTT node: 2,000 items, QoS ${qos}`,
      value: await perSecond(2000, () =>
        runNodeWorkflow({
          definition: mqtt,
          parameters: { topic: `gx/bench/${id}`, options: { qos } },
          credential: { slot: 'mqtt', data: { host: '127.0.0.1', port: 1883 } },
          items: items(2000),
        }),
      ),
      unit: 'messages/s',
    });
  }
  const natsCredential = { slot: 'nats', data: { servers: 'nats://127.0.0.1:4222' } };
  rows.push({
    name: 'NATS node: 5,000 items published',
    value: await perSecond(5000, () =>
      runNodeWorkflow({
        definition: nats,
        parameters: { subject: `gx.bench.${id}` },
        credential: natsCredential,
        items: items(5000),
      }),
    ),
    unit: 'messages/s',
  });
  const responder = await connectNats({ servers: '127.0.0.1:4222' });
  responder.subscribe(`gx.bench.${id}.echo`, {
    callback: (_error, message) => {
      message.respond(message.data);
    },
  });
  await responder.flush();
  rows.push({
    name: 'NATS node: 500 requests (one after another)',
    value: await perSecond(500, () =>
      runNodeWorkflow({
        definition: nats,
        parameters: { operation: 'request', subject: `gx.bench.${id}.echo` },
        credential: natsCredential,
        items: items(500),
      }),
    ),
    unit: 'requests/s',
  });
  await responder.close();
  await closeConnections();
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await run()) console.log(`${row.name}: ${row.value.toFixed(0)} ${row.unit}`);
}
