/**
 * NATS: publish a message to a subject (optionally through JetStream, which
 * confirms that a stream stored it) or send a request and wait for the reply.
 * n8n has no NATS node; the parameters follow its MQTT/RabbitMQ nodes.
 */
import { defineNode, type Item, type JsonObject, type JsonValue, p } from '@guixu/core';
import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { nodeCredential } from '../shared/credential-error.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import natsCredential from './nats.credentials.ts';
import { natsConnectFailure, natsFailure, openNats } from './nats-client.ts';

export default defineNode({
  type: 'guixu.nats',
  version: 1,
  displayName: 'NATS',
  description:
    'Publishes messages to a NATS subject (JetStream optional) or sends requests and returns the replies.',
  group: 'action',
  icon: 'send',
  defaultName: 'NATS',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'nats', required: true }],
  docs: [
    'Each input item is sent to the subject: its JSON ("Send Input Data") or the Message text, with the',
    'headers given. Publish outputs the input items; with "JetStream" it waits until a stream stored the',
    'message and adds `{ stream, seq, duplicate }` under `jetStream`. Request waits for one reply (Timeout, in',
    'ms) and outputs `{ subject, data, headers }` (`data` parsed when "JSON Parse Response" is on and it is',
    "JSON); no responder or no reply in time is the node's error. The connection lasts one run.",
  ].join('\n'),
  params: {
    operation: p.options({
      label: 'Operation',
      options: [
        { value: 'publish', label: 'Publish', description: 'Publish a message to a subject' },
        { value: 'request', label: 'Request', description: 'Send a request and wait for the reply' },
      ],
      default: 'publish',
      noExpression: true,
    }),
    subject: p.string({ label: 'Subject', placeholder: 'orders.created', required: true }),
    sendInputData: p.boolean({
      label: 'Send Input Data',
      description: 'Whether to send the data the node receives as JSON',
      default: true,
    }),
    message: p.string({
      label: 'Message',
      description: 'The message to send',
      displayOptions: { show: { sendInputData: [false] } },
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        headers: p.collection({
          label: 'Headers',
          fields: {
            header: p.list({
              label: 'Header',
              addLabel: 'Add Header',
              fields: { key: p.string({ label: 'Key' }), value: p.string({ label: 'Value' }) },
            }),
          },
        }),
        jetStream: p.boolean({
          label: 'JetStream',
          description: 'Whether to publish through JetStream and wait until a stream stored the message',
          default: false,
          displayOptions: { show: { '/operation': ['publish'] } },
        }),
        timeout: p.number({
          label: 'Timeout',
          description: 'Milliseconds to wait for the reply (or the JetStream acknowledgement)',
          default: 5000,
          min: 1,
          integer: true,
        }),
        jsonParseResponse: p.boolean({
          label: 'JSON Parse Response',
          description: 'Whether to parse the reply as JSON',
          default: true,
          displayOptions: { show: { '/operation': ['request'] } },
        }),
      },
    }),
  },
  async run(ctx) {
    const node = ctx.node.name;
    const credential = nodeCredential(natsCredential, await ctx.credentials('nats'), node);
    const fail = natsFailure(node, credential);
    const nc = await openNats(credential).catch((error: unknown) => {
      throw natsConnectFailure(node, credential)(error);
    });
    try {
      const js = jetstream(nc);
      const items = await mapItemsAsync(ctx, async (item, itemIndex): Promise<Item> => {
        const params = ctx.params(itemIndex);
        const { options } = params;
        const payload = params.sendInputData ? JSON.stringify(item.json) : params.message;
        const hdrs = natsHeaders();
        const entries = (options.headers?.header ?? []).filter((h) => h.key.trim() !== '');
        for (const h of entries) hdrs.append(h.key, h.value);
        const withHeaders = entries.length > 0 ? { headers: hdrs } : {};
        const timeout = options.timeout ?? 5000;
        const paired = { pairedItem: { item: itemIndex } };
        try {
          if (params.operation === 'request') {
            const reply = await nc.request(params.subject, payload, { timeout, ...withHeaders });
            const text = reply.string();
            let data: JsonValue = text;
            if (options.jsonParseResponse !== false) {
              try {
                data = JSON.parse(text) as JsonValue;
              } catch {
                // Not JSON: kept as text.
              }
            }
            const replyHeaders: JsonObject = {};
            for (const [key, values] of reply.headers ?? []) replyHeaders[key] = values.join(', ');
            return { json: { subject: reply.subject, data, headers: replyHeaders }, ...paired };
          }
          if (options.jetStream) {
            const ack = await js.publish(params.subject, payload, { timeout, ...withHeaders });
            return {
              json: {
                ...item.json,
                jetStream: { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate },
              },
              ...paired,
            };
          }
          nc.publish(params.subject, payload, withHeaders);
          return { json: item.json, ...paired };
        } catch (error) {
          throw fail(error, itemIndex);
        }
      });
      // Publishes are buffered: flushed before the node reports success.
      await nc.flush().catch((error: unknown) => {
        throw fail(error);
      });
      return [items];
    } finally {
      await nc.drain().catch(() => undefined);
    }
  },
});
