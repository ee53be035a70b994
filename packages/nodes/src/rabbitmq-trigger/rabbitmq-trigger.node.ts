/**
 * RabbitMQ Trigger, parameters as n8n's RabbitMQ Trigger v1. One connection
 * and channel per active trigger; the server reopens it after the broker
 * closed it, and messages not yet acknowledged are delivered again.
 * "Delete From Queue When: a later RabbitMQ node" acknowledges like "Execution
 * Finishes Successfully".
 */
import { defineNode, NodeOperationError, p } from '@guixu/core';
import type { ConsumeMessage } from 'amqplib';
import rabbitmqCredential from '../rabbitmq/rabbitmq.credentials.ts';
import { keyValues, openRabbitmq, rabbitmqFailure } from '../rabbitmq/rabbitmq-client.ts';
import { argumentsOption, headersOption, queueOptions } from '../rabbitmq/rabbitmq-params.ts';
import { nodeCredential } from '../shared/credential-error.ts';
import { messageItem } from './message-item.ts';

export default defineNode({
  type: 'guixu.rabbitmqTrigger',
  version: 1,
  displayName: 'RabbitMQ Trigger',
  description: 'Starts the workflow for each message consumed from a RabbitMQ queue.',
  group: 'trigger',
  icon: 'inbox',
  defaultName: 'RabbitMQ Trigger',
  inputs: [],
  outputs: ['main'],
  trigger: { kind: 'event' },
  credentials: [{ name: 'rabbitmq', required: true }],
  docs: [
    'Consumes a queue while the workflow is active (asserted first unless "Assert Queue" is off, then bound to',
    'the exchanges of "Bindings"). Each message starts one execution with `{ fields, properties, content }`',
    '("Only Content": the content alone; "JSON Parse Body": parsed; "Content Is Binary": the bytes as binary',
    '`data`). "Delete From Queue When" sets the acknowledgement: on receipt, when the execution finishes, or',
    'only when it succeeds (a failed execution gives the message back to the queue, so it is delivered',
    'again). "Parallel Message Processing Limit" is the channel prefetch: at most that many executions at a',
    'time. A dropped connection is reopened with a backoff; unacknowledged messages are delivered again, so',
    'an execution may see a message twice (`fields.redelivered` is then true), never lose it. A message that',
    'is not valid JSON with "JSON Parse Body" is rejected (dead-lettered if the queue has a dead-letter',
    "exchange) and reported as the trigger's error.",
  ].join('\n'),
  params: {
    queue: p.string({
      label: 'Queue / Topic',
      description: 'The name of the queue to read from',
      placeholder: 'queue-name',
      required: true,
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        arguments: argumentsOption,
        ...queueOptions,
        binding: p.collection({
          label: 'Bindings',
          description: 'Exchanges to bind the queue to',
          fields: {
            bindings: p.list({
              label: 'Binding',
              addLabel: 'Add Binding',
              fields: {
                exchange: p.string({ label: 'Exchange', placeholder: 'exchange' }),
                routingKey: p.string({ label: 'RoutingKey', placeholder: 'routing-key' }),
              },
            }),
          },
        }),
        contentIsBinary: p.boolean({
          label: 'Content Is Binary',
          description: 'Whether to save the content as binary',
          default: false,
        }),
        acknowledge: p.options({
          label: 'Delete From Queue When',
          description: 'When to acknowledge the message',
          options: [
            {
              value: 'executionFinishes',
              label: 'Execution Finishes',
              description:
                'After the workflow execution finished. No matter if the execution was successful or not.',
            },
            {
              value: 'executionFinishesSuccessfully',
              label: 'Execution Finishes Successfully',
              description: 'After the workflow execution finished successfully',
            },
            {
              value: 'immediately',
              label: 'Immediately',
              description: 'As soon as the message got received',
            },
            {
              value: 'laterMessageNode',
              label: 'Specified Later in Workflow',
              description: 'Acknowledged like "Execution Finishes Successfully"',
            },
          ],
          default: 'immediately',
        }),
        headers: headersOption,
        jsonParseBody: p.boolean({
          label: 'JSON Parse Body',
          description: 'Whether to parse the body to an object',
          default: false,
          displayOptions: { hide: { contentIsBinary: [true] } },
        }),
        onlyContent: p.boolean({
          label: 'Only Content',
          description: 'Whether to return only the content property',
          default: false,
          displayOptions: { hide: { contentIsBinary: [true] } },
        }),
        parallelMessages: p.number({
          label: 'Parallel Message Processing Limit',
          description: 'Max number of executions at a time (the channel prefetch). Use -1 for no limit.',
          default: -1,
          integer: true,
          displayOptions: { hide: { acknowledge: ['immediately'] } },
        }),
      },
    }),
  },
  run: (ctx) => [ctx.items],
  async listen(ctx) {
    const node = ctx.node.name;
    const { queue, options } = ctx.params;
    const limit = options.parallelMessages ?? -1;
    if (limit === 0 || limit < -1) {
      throw new NodeOperationError(
        node,
        'Parallel message processing limit must be greater than zero (or -1 for no limit)',
        { details: { code: 'RABBITMQ_TRIGGER_INVALID' } },
      );
    }
    let acknowledge = options.acknowledge ?? 'immediately';
    // As n8n: a limit needs acknowledgements, so "immediately" becomes "when the execution finishes".
    if (limit !== -1 && acknowledge === 'immediately') acknowledge = 'executionFinishes';
    const credential = nodeCredential(rabbitmqCredential, await ctx.credentials('rabbitmq'), node);
    const fail = rabbitmqFailure(node, credential);
    let closing = false;
    const lost = (error: unknown) => {
      if (!closing) ctx.fail(fail(error ?? new Error('The broker closed the connection')));
    };
    const model = await openRabbitmq(credential, `guixuflow trigger ${ctx.workflowId} ${node}`).catch(
      (error: unknown) => {
        throw fail(error);
      },
    );
    model.on('close', lost);
    try {
      const channel = await model.createChannel();
      channel.on('error', () => undefined);
      channel.on('close', () => lost(new Error('The broker closed the channel')));
      if (options.assertQueue === false) {
        await channel.checkQueue(queue);
      } else {
        await channel.assertQueue(queue, {
          durable: options.durable ?? true,
          exclusive: options.exclusive ?? false,
          autoDelete: options.autoDelete ?? false,
          arguments: keyValues(options.arguments?.argument, true),
        });
      }
      for (const binding of options.binding?.bindings ?? []) {
        await channel.bindQueue(queue, binding.exchange, binding.routingKey);
      }
      if (limit > 0) await channel.prefetch(limit);
      // Acknowledging on a channel that closed meanwhile throws: the broker delivers the message again.
      const settle = (action: () => void) => {
        try {
          action();
        } catch {
          // The channel is gone; the message is still the broker's.
        }
      };
      const onMessage = async (message: ConsumeMessage) => {
        let item: Awaited<ReturnType<typeof messageItem>>;
        try {
          item = messageItem(message, options);
        } catch (error) {
          settle(() => channel.nack(message, false, false));
          ctx.reportError(
            new NodeOperationError(
              node,
              `Node "${node}" received a message on queue "${queue}" that is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
              {
                details: { code: 'RABBITMQ_MESSAGE_INVALID', queue, deliveryTag: message.fields.deliveryTag },
              },
            ),
          );
          return;
        }
        if (acknowledge === 'immediately') {
          settle(() => channel.ack(message));
          await ctx.emit([item]);
          return;
        }
        await ctx.emit([item], {
          onDone(outcome) {
            if (outcome.status === 'notStarted') settle(() => channel.nack(message, false, true));
            else if (outcome.ok || acknowledge === 'executionFinishes') settle(() => channel.ack(message));
            else settle(() => channel.nack(message, false, true));
          },
        });
      };
      await channel.consume(queue, (message) => {
        if (message === null) {
          lost(new Error(`The broker cancelled the consumer of queue "${queue}" (was it deleted?)`));
          return;
        }
        void onMessage(message);
      });
    } catch (error) {
      closing = true;
      await model.close().catch(() => undefined);
      throw fail(error);
    }
    return {
      async close() {
        closing = true;
        await model.close().catch(() => undefined);
      },
    };
  },
});
