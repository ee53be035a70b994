import { randomBytes } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeWorkflow } from '../shared/testing/run-node-workflow.ts';
import mqttCredential from './mqtt.credentials.ts';
import mqtt from './mqtt.node.ts';

/** Against the Mosquitto on this machine (127.0.0.1:1883, anonymous); topics named per run. */
const base = `gx/${randomBytes(4).toString('hex')}`;
const credential = { host: '127.0.0.1', port: 1883 };
let subscriber: MqttClient;
const received: { topic: string; text: string; retain: boolean }[] = [];

function run(
  parameters: Record<string, unknown>,
  items?: Record<string, unknown>[],
  data: Record<string, unknown> = credential,
) {
  return runNodeWorkflow({
    definition: mqtt,
    parameters,
    credential: { slot: 'mqtt', data },
    items: items as never,
  });
}

beforeAll(async () => {
  subscriber = await connectAsync('mqtt://127.0.0.1:1883', { reconnectPeriod: 0 });
  subscriber.on('message', (topic, payload, packet) =>
    received.push({ topic, text: payload.toString(), retain: packet.retain }),
  );
  await subscriber.subscribeAsync(`${base}/#`, { qos: 2 });
});

afterAll(async () => {
  // Clears the retained message.
  await subscriber.publishAsync(`${base}/retained`, '', { retain: true, qos: 1 });
  await subscriber.endAsync();
});

async function waitFor(count: number) {
  for (let i = 0; i < 1200 && received.length < count; i++) await new Promise((r) => setTimeout(r, 25));
}

describe('MQTT node against the real broker', () => {
  it('publishes each item as JSON with QoS 2, and a text message with QoS 1', async () => {
    const json = await run({ topic: `${base}/json`, options: { qos: 2 } }, [{ n: 1 }, { n: 2 }]);
    expect(json.status).toBe('success');
    expect(json.output).toEqual([{ n: 1 }, { n: 2 }]);
    const text = await run(
      {
        topic: `=${base}/{{ $json.room }}`,
        sendInputData: false,
        message: '=hello {{ $json.room }}',
        options: { qos: 1 },
      },
      [{ room: 'kitchen' }],
    );
    expect(text.status).toBe('success');
    await waitFor(3);
    // QoS 2 deliveries finish their handshake after a QoS 1 one may have arrived: compare sorted.
    const sorted = received
      .map(({ topic, text }) => ({ topic, text }))
      .sort((a, b) => a.text.localeCompare(b.text));
    expect(sorted).toEqual([
      { topic: `${base}/json`, text: '{"n":1}' },
      { topic: `${base}/json`, text: '{"n":2}' },
      { topic: `${base}/kitchen`, text: 'hello kitchen' },
    ]);
  });

  it('retains a message for subscribers that come later', async () => {
    await run({
      topic: `${base}/retained`,
      sendInputData: false,
      message: 'last value',
      options: { retain: true, qos: 1 },
    });
    const late = await connectAsync('mqtt://127.0.0.1:1883', { reconnectPeriod: 0 });
    const got = new Promise<{ text: string; retain: boolean }>((resolve) =>
      late.on('message', (_t, payload, packet) =>
        resolve({ text: payload.toString(), retain: packet.retain }),
      ),
    );
    await late.subscribeAsync(`${base}/retained`);
    expect(await got).toEqual({ text: 'last value', retain: true });
    await late.endAsync();
  });

  it('reports an unreachable broker as a node error; tests a credential', async () => {
    const down = await run({ topic: `${base}/x` }, [{}], { ...credential, port: 1 });
    expect(down.status).toBe('error');
    expect(down.error?.details).toMatchObject({ code: 'MQTT_CONNECTION_FAILED' });
    expect(down.error?.message).toContain('could not connect to MQTT at 127.0.0.1:1');
    const test = mqttCredential.test;
    if (!test) throw new Error('no test');
    expect(await test(credential as never, new AbortController().signal)).toEqual({
      ok: true,
      message: 'Connected to MQTT at 127.0.0.1:1883',
    });
  });
});
