import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../testing/test-app.ts';
import { eventually } from '../schedules/schedule-test-kit.ts';
import { activeWorkflow, api, node } from '../webhooks/webhook-test-kit.ts';
import {
  settlesAt,
  type TriggeredRun,
  tcpConnections,
  triggeredRuns,
  triggerTestApp,
  unique,
} from './broker-test-kit.ts';
import { MOSQUITTO, missingBinary, type PrivateBroker, startPrivateMosquitto } from './private-broker.ts';

/**
 * The MQTT Trigger while its broker, a Mosquitto of this test's own, is
 * stopped and started again on the same port (no persistence: the broker
 * forgets the subscription, so the trigger has to subscribe again).
 */
const skipped = missingBinary(MOSQUITTO);

describe.skipIf(skipped !== undefined)(
  `MQTT Trigger across a broker restart${skipped ? ` (skipped: ${skipped})` : ''}`,
  () => {
    let t: TestApp;
    let broker: PrivateBroker;
    let credentialId: string;

    /** Publishes with QoS 1 on a connection of its own (the broker has the message when this resolves). */
    async function publish(topic: string, message: string): Promise<void> {
      const client = await connectAsync(`mqtt://127.0.0.1:${broker.port}`, { reconnectPeriod: 0 });
      await client.publishAsync(topic, message, { qos: 1 });
      await client.endAsync();
    }

    const n = (run: TriggeredRun) => Reflect.get(Object(Reflect.get(Object(run.json), 'message')), 'n');

    beforeAll(async () => {
      broker = await startPrivateMosquitto();
      t = await triggerTestApp();
      const events = t.ctx.services.get('triggers').events;
      events.backoff = { baseMs: 100, maxMs: 1000 };
      await events.start();
      const created = await api(t, 'POST', '/api/v1/credentials', {
        name: 'Private MQTT',
        type: 'mqtt',
        data: { host: '127.0.0.1', port: broker.port },
      });
      credentialId = String(Reflect.get(Object(created.body), 'id'));
    }, 60_000);

    afterAll(async () => {
      await t?.ctx.services.get('triggers').events.stop();
      await t?.dispose();
      await broker?.stop();
    });

    it('subscribes again once the broker is back; messages published then start executions', async () => {
      const base = unique('gx');
      const id = await activeWorkflow(
        t,
        [
          node(
            'MQTT',
            'guixu.mqttTrigger',
            { topics: `${base}/#:1`, options: { jsonParseBody: true } },
            { credentials: { mqtt: { id: credentialId, name: 'Private MQTT' } } },
          ),
        ],
        {},
      );
      const events = t.ctx.services.get('triggers').events;
      const ran = (wanted: number[]) =>
        eventually(
          async () => {
            const runs = (await triggeredRuns(t, id, 'MQTT')).filter((r) => r.status === 'success');
            return wanted.every((w) => runs.some((r) => n(r) === w)) ? runs : undefined;
          },
          30_000,
          `runs for messages ${wanted.join(', ')}`,
        );
      await publish(`${base}/before`, '{"n":1}');
      await ran([1]);

      await broker.down();
      // The drop is noticed and reconnecting fails (connection refused) more than once, without giving up.
      await eventually(
        async () => {
          const [status] = events.status(id);
          return status?.state === 'retrying' && status.failures >= 3 ? true : undefined;
        },
        30_000,
        'failed reconnects while the broker is down',
      );
      expect(events.status(id)[0]?.lastError).toMatchObject({ code: 'MQTT_CONNECTION_FAILED', node: 'MQTT' });

      await broker.up();
      await eventually(
        async () => (events.status(id)[0]?.state === 'listening' ? true : undefined),
        30_000,
        'the trigger to subscribe again',
      );
      expect(events.status(id)[0]).toMatchObject({ failures: 0 });
      // One connection: the dropped listener left nothing behind.
      expect(await settlesAt(() => tcpConnections(broker.port), 1, 'one trigger connection')).toBe(1);
      await publish(`${base}/after`, '{"n":2}');
      await publish(`${base}/after/again`, '{"n":3}');
      const runs = await ran([1, 2, 3]);
      expect(runs.map((r) => r.json)).toEqual(
        expect.arrayContaining([
          { message: { n: 2 }, topic: `${base}/after` },
          { message: { n: 3 }, topic: `${base}/after/again` },
        ]),
      );
      expect(runs).toHaveLength(3);

      await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
      expect(await settlesAt(() => tcpConnections(broker.port), 0, 'the trigger to disconnect')).toBe(0);
    }, 120_000);
  },
);
