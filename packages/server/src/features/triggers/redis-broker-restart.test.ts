import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../testing/test-app.ts';
import { eventually } from '../schedules/schedule-test-kit.ts';
import { activeWorkflow, api, chain, node } from '../webhooks/webhook-test-kit.ts';
import { settlesAt, type TriggeredRun, triggeredRuns, triggerTestApp, unique } from './broker-test-kit.ts';
import { missingBinary, type PrivateBroker, REDIS_SERVER, startPrivateRedis } from './private-broker.ts';

/**
 * The Redis Trigger while its broker, a redis-server of this test's own, is
 * stopped and started again on the same port: pub/sub on a server without
 * persistence; the stream consumer group on one with an append-only file
 * (the stream, the group and its pending entries survive the restart).
 */
const skipped = missingBinary(REDIS_SERVER);

/** A connection of the test's own (one per use: the broker restarts in between). */
async function adminOf(port: number): Promise<Redis> {
  const admin = new Redis({ host: '127.0.0.1', port, lazyConnect: true, retryStrategy: () => null });
  admin.on('error', () => undefined);
  await admin.connect();
  return admin;
}

async function withAdmin<T>(port: number, work: (admin: Redis) => Promise<T>): Promise<T> {
  const admin = await adminOf(port);
  try {
    return await work(admin);
  } finally {
    admin.disconnect();
  }
}

/** The trigger's connections (it names them), as the broker lists them. */
async function triggerConnections(port: number): Promise<number> {
  const list = String(await withAdmin(port, (admin) => admin.call('CLIENT', 'LIST')));
  return list.split('\n').filter((line) => line.includes(' name=guixuflow-trigger ')).length;
}

const json = (run: TriggeredRun) => Object(run.json) as Record<string, unknown>;

describe.skipIf(skipped !== undefined)(
  `Redis Trigger across a broker restart${skipped ? ` (skipped: ${skipped})` : ''}`,
  () => {
    let t: TestApp;
    const brokers: PrivateBroker[] = [];

    async function credentialFor(broker: PrivateBroker): Promise<{ redis: { id: string; name: string } }> {
      const name = `Private Redis ${broker.port}`;
      const created = await api(t, 'POST', '/api/v1/credentials', {
        name,
        type: 'redis',
        data: { host: '127.0.0.1', port: broker.port },
      });
      return { redis: { id: String(Reflect.get(Object(created.body), 'id')), name } };
    }

    /** Stops the broker and waits until the trigger noticed and failed to reconnect a few times. */
    async function stopBroker(broker: PrivateBroker, workflowId: string): Promise<void> {
      const events = t.ctx.services.get('triggers').events;
      await broker.down();
      await eventually(
        async () => {
          const [status] = events.status(workflowId);
          return status?.state === 'retrying' && status.failures >= 3 ? true : undefined;
        },
        30_000,
        'failed reconnects while the broker is down',
      );
      expect(events.status(workflowId)[0]?.lastError).toMatchObject({ code: 'REDIS_CONNECTION_FAILED' });
    }

    async function listeningAgain(broker: PrivateBroker, workflowId: string): Promise<void> {
      const events = t.ctx.services.get('triggers').events;
      await eventually(
        async () => (events.status(workflowId)[0]?.state === 'listening' ? true : undefined),
        30_000,
        'the trigger to listen again',
      );
      expect(events.status(workflowId)[0]).toMatchObject({ failures: 0 });
      // One connection: the dropped listener left nothing behind.
      expect(await settlesAt(() => triggerConnections(broker.port), 1, 'one trigger connection')).toBe(1);
    }

    beforeAll(async () => {
      t = await triggerTestApp();
      const events = t.ctx.services.get('triggers').events;
      events.backoff = { baseMs: 100, maxMs: 1000 };
      await events.start();
    }, 60_000);

    afterAll(async () => {
      await t?.ctx.services.get('triggers').events.stop();
      await t?.dispose();
      await Promise.all(brokers.map((broker) => broker.stop()));
    });

    it('subscribes again once the broker is back; messages published then start executions', async () => {
      const broker = await startPrivateRedis();
      brokers.push(broker);
      const prefix = `${unique('gx')}:`;
      const id = await activeWorkflow(
        t,
        [
          node(
            'Redis',
            'guixu.redisTrigger',
            { channels: `${prefix}orders.*`, options: { jsonParseBody: true } },
            { credentials: await credentialFor(broker) },
          ),
        ],
        {},
      );
      const ran = (count: number) =>
        eventually(
          async () => {
            const runs = (await triggeredRuns(t, id, 'Redis')).filter((r) => r.status === 'success');
            return runs.length >= count ? runs : undefined;
          },
          30_000,
          `${count} runs`,
        );
      expect(await settlesAt(() => triggerConnections(broker.port), 1, 'the subscriber connection')).toBe(1);
      await withAdmin(broker.port, (admin) => admin.publish(`${prefix}orders.before`, '{"n":1}'));
      await ran(1);

      await stopBroker(broker, id);
      await broker.up();
      await listeningAgain(broker, id);
      const receivers = await withAdmin(broker.port, async (admin) => [
        await admin.publish(`${prefix}orders.after`, '{"n":2}'),
        await admin.publish(`${prefix}orders.again`, '{"n":3}'),
      ]);
      // PUBLISH answers how many subscribers got the message: the trigger, once.
      expect(receivers).toEqual([1, 1]);
      const runs = await ran(3);
      expect(runs.map(json)).toEqual(
        expect.arrayContaining([
          { channel: `${prefix}orders.before`, message: { n: 1 } },
          { channel: `${prefix}orders.after`, message: { n: 2 } },
          { channel: `${prefix}orders.again`, message: { n: 3 } },
        ]),
      );
      expect(runs).toHaveLength(3);

      await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
      expect(await settlesAt(() => triggerConnections(broker.port), 0, 'the subscriber to close')).toBe(0);
    }, 120_000);

    it('stream consumer group: the entry pending at the restart and entries added after it each run once', async () => {
      const broker = await startPrivateRedis({ appendOnly: true });
      brokers.push(broker);
      const prefix = `${unique('gx')}:`;
      const stream = `${prefix}events`;
      const group = 'workers';
      const credentials = await credentialFor(broker);
      const id = await activeWorkflow(
        t,
        [
          node('Stream', 'guixu.redisTrigger', { triggerOn: 'streamEntry', stream, group }, { credentials }),
          // The Redis node's cached connection is cut by the restart too: the next run connects again.
          node(
            'Count',
            'guixu.redis',
            { operation: 'incr', key: `=${prefix}tries:{{ $json.id }}` },
            { credentials },
          ),
          node('Check', 'guixu.code', {
            mode: 'runOnceForAllItems',
            jsCode:
              "const tries = Object.values($json)[0];\nif ($('Stream').first().json.message.failFirst === 'yes' && tries === 1) throw new Error('first try fails');\nreturn $input.all();",
          }),
        ],
        chain(['Stream', 'Count', 'Check']),
      );
      const succeeded = async () =>
        (await triggeredRuns(t, id, 'Stream')).filter((r) => r.status === 'success').map((r) => json(r).id);
      await settlesAt(() => triggerConnections(broker.port), 1, 'the stream reader connection');
      const first = await withAdmin(broker.port, (admin) => admin.xadd(stream, '*', 'n', '1'));
      const failing = await withAdmin(broker.port, (admin) => admin.xadd(stream, '*', 'failFirst', 'yes'));
      await eventually(
        async () => {
          const runs = await triggeredRuns(t, id, 'Stream');
          const failed = runs.some((r) => r.status === 'error' && json(r).id === failing);
          return failed && (await succeeded()).includes(first) ? true : undefined;
        },
        30_000,
        'the first entry handled and the failing one failed',
      );
      const pending = () =>
        withAdmin(broker.port, async (admin) =>
          (await admin.xpending(stream, group, '-', '+', 10)).map((e) => (Array.isArray(e) ? e[0] : e)),
        );
      expect(
        await eventually(
          async () => {
            const list = await pending();
            return list.length === 1 ? list : undefined;
          },
          30_000,
          'one pending entry',
        ),
      ).toEqual([failing]);

      await stopBroker(broker, id);
      await broker.up();
      // Added as soon as the broker is back, before or after the trigger reconnects: either way it is read.
      const early = await withAdmin(broker.port, (admin) => admin.xadd(stream, '*', 'n', '3'));
      await listeningAgain(broker, id);
      const late = await withAdmin(broker.port, (admin) => admin.xadd(stream, '*', 'n', '4'));

      const ids = await eventually(
        async () => {
          const found = await succeeded();
          return [failing, early, late].every((entry) => found.includes(entry)) ? found : undefined;
        },
        30_000,
        'the pending entry and the entries added after the restart handled',
      );
      expect([...ids].sort()).toEqual([first, failing, early, late].sort());
      await eventually(
        async () => ((await pending()).length === 0 ? true : undefined),
        30_000,
        'every entry acknowledged',
      );

      await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
      expect(await settlesAt(() => triggerConnections(broker.port), 0, 'the reader to close')).toBe(0);
    }, 120_000);
  },
);
