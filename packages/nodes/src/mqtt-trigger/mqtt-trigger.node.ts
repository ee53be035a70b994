/**
 * MQTT Trigger, parameters as n8n's MQTT Trigger v1: subscribes to topics
 * (`+` and `#` wildcards, `topic:qos`) while the workflow is active. The
 * server reopens a dropped connection (with "Clean Session" off and QoS 1 or
 * 2, the broker keeps what was published meanwhile for the client ID).
 */
import { defineNode, type JsonObject, type JsonValue, NodeOperationError, p } from '@guixu/core';
import mqttCredential from '../mqtt/mqtt.credentials.ts';
import { mqttFailure, openMqtt } from '../mqtt/mqtt-client.ts';
import { nodeCredential } from '../shared/credential-error.ts';

/** `a/b:1, c/#` → topic → QoS (0 when not given). */
export function parseTopics(text: string, node: string): Record<string, { qos: 0 | 1 | 2 }> {
  const out: Record<string, { qos: 0 | 1 | 2 }> = {};
  for (const part of text.split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const match = /^(.*):([012])$/.exec(entry);
    const topic = (match ? match[1] : entry).trim();
    const qos = match ? Number(match[2]) : 0;
    out[topic] = { qos: qos === 2 ? 2 : qos === 1 ? 1 : 0 };
  }
  if (Object.keys(out).length === 0) {
    throw new NodeOperationError(node, `Node "${node}" has no topic to subscribe to`, {
      details: { code: 'MQTT_TRIGGER_INVALID' },
    });
  }
  return out;
}

export default defineNode({
  type: 'guixu.mqttTrigger',
  version: 1,
  displayName: 'MQTT Trigger',
  description: 'Starts the workflow for each message published to the subscribed MQTT topics.',
  group: 'trigger',
  icon: 'inbox',
  defaultName: 'MQTT Trigger',
  inputs: [],
  outputs: ['main'],
  trigger: { kind: 'event' },
  credentials: [{ name: 'mqtt', required: true }],
  docs: [
    'Subscribes while the workflow is active; each message starts one execution with `{ message, topic }`',
    '("Only Message": the message alone; "JSON Parse Body": parsed when it is JSON, else kept as text).',
    'Without "Parallel Processing" one execution runs at a time, in arrival order. Messages are acknowledged',
    'to the broker on receipt. A dropped connection is reopened with a backoff.',
  ].join('\n'),
  params: {
    topics: p.string({
      label: 'Topics',
      description:
        'Topics to subscribe to, multiple can be defined with comma. Wildcard characters are supported (+ - for single level and # - for multi level). By default all subscription used QoS=0. To set a different QoS, write the QoS desired after the topic preceded by a colom. For Example: topicA:1,topicB:2',
      required: true,
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        jsonParseBody: p.boolean({
          label: 'JSON Parse Body',
          description: 'Whether to try parse the message to an object',
          default: false,
        }),
        onlyMessage: p.boolean({
          label: 'Only Message',
          description: 'Whether to return only the message property',
          default: false,
        }),
        parallelProcessing: p.boolean({
          label: 'Parallel Processing',
          description: 'Whether to process messages in parallel or by keeping the message in order',
          default: true,
        }),
      },
    }),
  },
  run: (ctx) => [ctx.items],
  async listen(ctx) {
    const node = ctx.node.name;
    const { options } = ctx.params;
    const topics = parseTopics(ctx.params.topics, node);
    const credential = nodeCredential(mqttCredential, await ctx.credentials('mqtt'), node);
    const fail = mqttFailure(node, credential);
    const client = await openMqtt(credential, 'guixuflow_trigger').catch((error: unknown) => {
      throw fail(error);
    });
    let closing = false;
    client.on('close', () => {
      if (!closing) ctx.fail(fail(new Error('The connection to the MQTT broker closed')));
    });
    let inOrder: Promise<void> = Promise.resolve();
    client.on('message', (topic, payload) => {
      const text = payload.toString();
      let message: JsonValue = text;
      if (options.jsonParseBody) {
        try {
          message = JSON.parse(text) as JsonValue;
        } catch {
          // As n8n: a message that is not JSON stays text.
        }
      }
      const isObject = message !== null && typeof message === 'object' && !Array.isArray(message);
      const json: JsonObject = options.onlyMessage
        ? isObject
          ? (message as JsonObject)
          : { message }
        : { message, topic };
      if (options.parallelProcessing === false) {
        inOrder = inOrder.then(
          () => new Promise<void>((resolve) => void ctx.emit([{ json }], { onDone: () => resolve() })),
        );
      } else {
        void ctx.emit([{ json }]);
      }
    });
    try {
      const granted = await client.subscribeAsync(topics);
      const refused = granted.filter((g) => g.qos === 128);
      if (refused.length > 0) {
        throw new Error(
          `The broker refused the subscription to ${refused.map((g) => `"${g.topic}"`).join(', ')}`,
        );
      }
    } catch (error) {
      closing = true;
      await client.endAsync(true).catch(() => undefined);
      throw fail(error);
    }
    return {
      async close() {
        closing = true;
        await client.endAsync().catch(() => undefined);
      },
    };
  },
});
