/**
 * RabbitMQ, parameters as n8n's RabbitMQ v1.1. Messages go out on a confirm
 * channel: the node finishes only after the broker accepted every message
 * (n8n does not wait). "Delete From Queue" passes its items through: the
 * trigger acknowledges by its own setting.
 */
import { defineNode, type Item, p } from '@guixu/core';
import type { ConfirmChannel, Options } from 'amqplib';
import { nodeCredential } from '../shared/credential-error.ts';
import { failedItem, mapItemsAsync } from '../shared/item-errors.ts';
import rabbitmqCredential from './rabbitmq.credentials.ts';
import { keyValues, rabbitmqFailure, withRabbitmq } from './rabbitmq-client.ts';
import { argumentsOption, headersOption, queueOptions } from './rabbitmq-params.ts';

const sending = { show: { operation: ['sendMessage'] } };

export default defineNode({
  type: 'guixu.rabbitmq',
  version: 1,
  displayName: 'RabbitMQ',
  description: 'Sends messages to a RabbitMQ queue or exchange.',
  group: 'action',
  icon: 'send',
  defaultName: 'RabbitMQ',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'rabbitmq', required: true }],
  docs: [
    'Each input item becomes one message: its JSON ("Send Input Data") or the Message text. Queue mode',
    'publishes to a queue (asserted first, with the queue options); Exchange mode publishes to an',
    'exchange of the given type with a routing key. Headers come from the options; Arguments are publish',
    'options (`persistent`, `expiration`, `priority`…; values "true", "false" and numbers are typed). The node waits for the broker to confirm',
    'every message and outputs `{ success: true }` per item. One connection per credential (per',
    'execution worker), closed after a minute unused and replaced when the broker closed it.',
  ].join('\n'),
  params: {
    operation: p.options({
      label: 'Operation',
      options: [
        { value: 'sendMessage', label: 'Send a Message to RabbitMQ' },
        { value: 'deleteMessage', label: 'Delete From Queue' },
      ],
      default: 'sendMessage',
      noExpression: true,
    }),
    deleteMessage: p.notice({
      label:
        'Passes its items through: the RabbitMQ Trigger acknowledges the message as its "Delete From Queue When" option says',
      displayOptions: { show: { operation: ['deleteMessage'] } },
    }),
    mode: p.options({
      label: 'Mode',
      description: 'To where data should be moved',
      options: [
        { value: 'queue', label: 'Queue', description: 'Publish data to queue' },
        { value: 'exchange', label: 'Exchange', description: 'Publish data to exchange' },
      ],
      default: 'queue',
      displayOptions: sending,
    }),
    queue: p.string({
      label: 'Queue / Topic',
      description: 'Name of the queue to publish to',
      placeholder: 'queue-name',
      required: true,
      displayOptions: { show: { operation: ['sendMessage'], mode: ['queue'] } },
    }),
    exchange: p.string({
      label: 'Exchange',
      description: 'Name of the exchange to publish to',
      placeholder: 'exchange-name',
      required: true,
      displayOptions: { show: { operation: ['sendMessage'], mode: ['exchange'] } },
    }),
    exchangeType: p.options({
      label: 'Type',
      description: 'Type of exchange',
      options: [
        { value: 'direct', label: 'Direct', description: 'Direct exchange type' },
        { value: 'topic', label: 'Topic', description: 'Topic exchange type' },
        { value: 'headers', label: 'Headers', description: 'Headers exchange type' },
        { value: 'fanout', label: 'Fanout', description: 'Fanout exchange type' },
      ],
      default: 'fanout',
      displayOptions: { show: { operation: ['sendMessage'], mode: ['exchange'] } },
    }),
    routingKey: p.string({
      label: 'Routing Key',
      description: 'The routing key for the message',
      placeholder: 'routing-key',
      displayOptions: { show: { operation: ['sendMessage'], mode: ['exchange'] } },
    }),
    sendInputData: p.boolean({
      label: 'Send Input Data',
      description: 'Whether to send the data the node receives as JSON',
      default: true,
      displayOptions: sending,
    }),
    message: p.string({
      label: 'Message',
      description: 'The message to be sent',
      displayOptions: { show: { operation: ['sendMessage'], sendInputData: [false] } },
    }),
    options: p.collection({
      label: 'Options',
      displayOptions: sending,
      fields: {
        alternateExchange: p.string({
          label: 'Alternate Exchange',
          description: "An exchange to send messages to if this exchange can't route them to any queues",
          displayOptions: { show: { '/mode': ['exchange'] } },
        }),
        arguments: argumentsOption,
        ...queueOptions,
        exclusive: p.boolean({
          label: 'Exclusive',
          description: 'Whether to scope the queue to the connection',
          default: false,
          displayOptions: { show: { '/mode': ['queue'] } },
        }),
        headers: headersOption,
      },
    }),
  },
  async run(ctx) {
    const first = ctx.params(0);
    if (first.operation === 'deleteMessage') return [ctx.items];
    const node = ctx.node.name;
    const credential = nodeCredential(rabbitmqCredential, await ctx.credentials('rabbitmq'), node);
    const fail = rabbitmqFailure(node, credential);
    try {
      return await withRabbitmq(credential, async (model) => {
        let channel: ConfirmChannel | undefined;
        const asserted = new Set<string>();
        // A refused command closes the channel: the next item gets a new one.
        const open = async () => {
          if (channel) return channel;
          const created = await model.createConfirmChannel();
          created.on('error', () => undefined);
          created.on('close', () => {
            if (channel === created) channel = undefined;
          });
          channel = created;
          return created;
        };
        try {
          // Published one after another without waiting; the broker's confirmations are awaited together.
          const confirms: { itemIndex: number; confirmed: Promise<void> }[] = [];
          const items = await mapItemsAsync(ctx, async (item, itemIndex): Promise<Item> => {
            const params = ctx.params(itemIndex);
            const options = params.options;
            try {
              const ch = await open();
              const target = `${params.mode}:${params.mode === 'exchange' ? params.exchange : params.queue}`;
              if (!asserted.has(target)) {
                await assertTarget(ch, params);
                asserted.add(target);
              }
              const content = Buffer.from(params.sendInputData ? JSON.stringify(item.json) : params.message);
              const publish: Options.Publish = {
                ...keyValues(options.arguments?.argument, true),
                headers: keyValues(options.headers?.header, false),
              };
              let sent = true;
              const confirmed = new Promise<void>((resolve, reject) => {
                const done = (error: unknown) => (error ? reject(error) : resolve());
                sent =
                  params.mode === 'exchange'
                    ? ch.publish(params.exchange, params.routingKey, content, publish, done)
                    : ch.sendToQueue(params.queue, content, publish, done);
              });
              confirmed.catch(() => undefined);
              confirms.push({ itemIndex, confirmed });
              // The channel's buffer is full: wait until it drained (or closed).
              if (!sent)
                await new Promise((resolve) => {
                  ch.once('drain', resolve);
                  ch.once('close', resolve);
                });
              return { json: { success: true }, pairedItem: { item: itemIndex } };
            } catch (error) {
              asserted.clear();
              throw fail(error, itemIndex);
            }
          });
          for (const { itemIndex, confirmed } of confirms) {
            try {
              await confirmed;
            } catch (error) {
              if (!ctx.continueOnFail()) throw fail(error, itemIndex);
              // One output item per input item, in order.
              items[itemIndex] = failedItem(fail(error, itemIndex), itemIndex);
            }
          }
          return [items];
        } finally {
          await channel?.close().catch(() => undefined);
        }
      });
    } catch (error) {
      throw fail(error);
    }
  },
});

interface Target {
  mode: 'queue' | 'exchange';
  queue: string;
  exchange: string;
  exchangeType: string;
  options: {
    alternateExchange?: string;
    arguments?: { argument?: { key: string; value: string }[] };
    autoDelete?: boolean;
    assertExchange?: boolean;
    assertQueue?: boolean;
    durable?: boolean;
    exclusive?: boolean;
  };
}

/** Declares the queue or exchange as n8n does ("Assert Queue/Exchange" off: only checks it exists). */
async function assertTarget(channel: ConfirmChannel, target: Target): Promise<void> {
  const o = target.options;
  if (target.mode === 'queue') {
    if (o.assertQueue === false) {
      await channel.checkQueue(target.queue);
      return;
    }
    await channel.assertQueue(target.queue, {
      durable: o.durable ?? true,
      exclusive: o.exclusive ?? false,
      autoDelete: o.autoDelete ?? false,
    });
    return;
  }
  if (o.assertExchange === false) {
    await channel.checkExchange(target.exchange);
    return;
  }
  await channel.assertExchange(target.exchange, target.exchangeType, {
    durable: o.durable ?? true,
    autoDelete: o.autoDelete ?? false,
    ...(o.alternateExchange ? { alternateExchange: o.alternateExchange } : {}),
  });
}
