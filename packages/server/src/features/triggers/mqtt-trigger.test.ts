import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../testing/test-app.ts';
import { eventually } from '../schedules/schedule-test-kit.ts';
import { activeWorkflow, api, createWorkflow, node } from '../webhooks/webhook-test-kit.ts';
import {
  type PrivateMosquitto,
  settlesAt,
  startMosquitto,
  tcpConnections,
  triggeredRuns,
  unique,
  triggerTestApp,
} from './broker-test-kit.ts';

/**
 * The MQTT Trigger through the server, against a Mosquitto of this test's own
 * (password file, free port): its connections are counted by the kernel.
 */
let t: TestApp;
let broker: PrivateMosquitto;
let publisher: MqttClient;
let credentialId: string;
/** The publisher's own connection. */
const PUBLISHER = 1;

const credential = (id: string, name: string) => ({ mqtt: { id, name } });

beforeAll(async () => {
  broker = await startMosquitto();
  publisher = await connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
    username: broker.user,
    password: broker.password,
    reconnectPeriod: 0,
  });
  t = await triggerTestApp();
  const events = t.ctx.services.get('triggers').events;
  events.backoff = { baseMs: 100, maxMs: 1000 };
  await events.start();
  const created = await api(t, 'POST', '/api/v1/credentials', {
    name: 'Local MQTT',
    type: 'mqtt',
    data: { host: '127.0.0.1', port: broker.port, username: broker.user, password: broker.password },
  });
  credentialId = String(Reflect.get(Object(created.body), 'id'));
}, 60_000);

afterAll(async () => {
  await t.ctx.services.get('triggers').events.stop();
  await t.dispose();
  await publisher.endAsync(true);
  await broker.stop();
});

describe('MQTT Trigger through the server', () => {
  it('runs per message on topic patterns, one connection while active', async () => {
    const base = unique('gx');
    const id = await activeWorkflow(
      t,
      [
        node(
          'MQTT',
          'guixu.mqttTrigger',
          {
            topics: `${base}/+/temp:1, ${base}/alerts/#`,
            options: { jsonParseBody: true, parallelProcessing: false },
          },
          { credentials: credential(credentialId, 'Local MQTT') },
        ),
      ],
      {},
    );
    expect(await settlesAt(() => tcpConnections(broker.port), PUBLISHER + 1, 'the trigger connection')).toBe(
      PUBLISHER + 1,
    );
    await publisher.publishAsync(`${base}/kitchen/temp`, '{"c":21.5}', { qos: 1 });
    await publisher.publishAsync(`${base}/alerts/fire/now`, 'smoke', { qos: 0 });
    await publisher.publishAsync(`${base}/kitchen/humidity`, '40', { qos: 0 });
    const runs = await eventually(
      async () => {
        const found = await triggeredRuns(t, id, 'MQTT');
        return found.filter((r) => r.status === 'success').length >= 2 ? found : undefined;
      },
      30_000,
      'two runs',
    );
    expect(runs.map((r) => r.json)).toEqual([
      { message: { c: 21.5 }, topic: `${base}/kitchen/temp` },
      { message: 'smoke', topic: `${base}/alerts/fire/now` },
    ]);
    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
    expect(await settlesAt(() => tcpConnections(broker.port), PUBLISHER, 'the trigger to disconnect')).toBe(
      PUBLISHER,
    );
  }, 120_000);

  it('refuses a wrong password at activation; an unreachable broker is retried and reported', async () => {
    const wrong = await api(t, 'POST', '/api/v1/credentials', {
      name: 'Wrong MQTT',
      type: 'mqtt',
      data: { host: '127.0.0.1', port: broker.port, username: broker.user, password: 'wrong' },
    });
    const refused = await createWorkflow(
      t,
      [
        node(
          'MQTT',
          'guixu.mqttTrigger',
          { topics: 'a/b' },
          {
            credentials: credential(String(Reflect.get(Object(wrong.body), 'id')), 'Wrong MQTT'),
          },
        ),
      ],
      {},
    );
    const answer = await api(t, 'POST', `/api/v1/workflows/${refused}/activate`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'MQTT_AUTH_FAILED' });
    expect(String(Reflect.get(Object(answer.body), 'message'))).toContain(
      `Node "MQTT" could not sign in to MQTT at 127.0.0.1:${broker.port}`,
    );

    const down = await api(t, 'POST', '/api/v1/credentials', {
      name: 'Down MQTT',
      type: 'mqtt',
      data: { host: '127.0.0.1', port: 1 },
    });
    const id = await activeWorkflow(
      t,
      [
        node(
          'MQTT',
          'guixu.mqttTrigger',
          { topics: 'a/b' },
          {
            credentials: credential(String(Reflect.get(Object(down.body), 'id')), 'Down MQTT'),
          },
        ),
      ],
      {},
    );
    expect(t.ctx.services.get('triggers').events.status(id)[0]).toMatchObject({
      state: 'retrying',
      lastError: { code: 'MQTT_CONNECTION_FAILED', node: 'MQTT' },
    });
    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
    expect(await tcpConnections(broker.port)).toBe(PUBLISHER);
  }, 60_000);
});
