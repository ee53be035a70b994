/**
 * MQTT, parameters as n8n's MQTT v1: publishes each item (its JSON, or the
 * Message text) to a topic with a QoS and the retain flag. One connection per
 * run, closed at the end; QoS 1 and 2 publishes resolve once the broker acknowledged them.
 */
import { defineNode, type Item, p } from '@guixu/core';
import { nodeCredential } from '../shared/credential-error.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import mqttCredential from './mqtt.credentials.ts';
import { mqttFailure, openMqtt } from './mqtt-client.ts';

export default defineNode({
  type: 'guixu.mqtt',
  version: 1,
  displayName: 'MQTT',
  description: 'Publishes messages to an MQTT topic (QoS 0, 1 or 2; retained or not).',
  group: 'action',
  icon: 'send',
  defaultName: 'MQTT',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'mqtt', required: true }],
  docs: [
    'Each input item is published to the topic: its JSON ("Send Input Data") or the Message text. QoS 1 and',
    '2 wait for the broker\'s acknowledgement; "Retain" keeps the last message on the topic for new',
    'subscribers. Outputs the input items. The connection lasts one run.',
  ].join('\n'),
  params: {
    topic: p.string({ label: 'Topic', description: 'The topic to publish to', required: true }),
    sendInputData: p.boolean({
      label: 'Send Input Data',
      description: 'Whether to send the data the node receives as JSON',
      default: true,
    }),
    message: p.string({
      label: 'Message',
      description: 'The message to publish',
      required: true,
      displayOptions: { show: { sendInputData: [false] } },
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        qos: p.options({
          label: 'QoS',
          description: 'QoS subscription level',
          options: [
            { value: 0, label: 'Received at Most Once' },
            { value: 1, label: 'Received at Least Once' },
            { value: 2, label: 'Exactly Once' },
          ],
          default: 0,
        }),
        retain: p.boolean({
          label: 'Retain',
          description:
            'Whether the broker keeps the message on the topic, so that a subscriber that connects later gets it at once',
          default: false,
        }),
      },
    }),
  },
  async run(ctx) {
    const node = ctx.node.name;
    const credential = nodeCredential(mqttCredential, await ctx.credentials('mqtt'), node);
    const fail = mqttFailure(node, credential);
    const client = await openMqtt(credential).catch((error: unknown) => {
      throw fail(error);
    });
    try {
      const items = await mapItemsAsync(ctx, async (item, itemIndex): Promise<Item> => {
        const params = ctx.params(itemIndex);
        const payload = params.sendInputData ? JSON.stringify(item.json) : params.message;
        const qos = params.options.qos ?? 0;
        try {
          await client.publishAsync(params.topic, payload, {
            qos: qos === 2 ? 2 : qos === 1 ? 1 : 0,
            retain: params.options.retain ?? false,
          });
        } catch (error) {
          throw fail(error, itemIndex);
        }
        return {
          json: item.json,
          ...(item.binary ? { binary: item.binary } : {}),
          pairedItem: { item: itemIndex },
        };
      });
      return [items];
    } finally {
      await client.endAsync().catch(() => undefined);
    }
  },
});
