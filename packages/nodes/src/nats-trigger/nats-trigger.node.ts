/**
 * NATS Trigger: a core subscription (subjects with `*` and `>`, an optional
 * queue group) or a JetStream durable consumer whose messages are
 * acknowledged after the execution succeeded (and given back with a NAK when
 * it failed), so none is lost across a reconnect or a restart.
 */
import {
  defineNode,
  type EventItem,
  type EventTriggerContext,
  type JsonObject,
  type JsonValue,
  p,
} from '@guixu/core';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { MsgHdrs, NatsConnection } from '@nats-io/transport-node';
import natsCredential from '../nats/nats.credentials.ts';
import { natsConnectFailure, natsFailure, openNats } from '../nats/nats-client.ts';
import { nodeCredential } from '../shared/credential-error.ts';

const onJetStream = { show: { mode: ['jetStream'] } };

const definition = defineNode({
  type: 'guixu.natsTrigger',
  version: 1,
  displayName: 'NATS Trigger',
  description: 'Starts the workflow for each message on NATS subjects, or from a JetStream consumer.',
  group: 'trigger',
  icon: 'inbox',
  defaultName: 'NATS Trigger',
  inputs: [],
  outputs: ['main'],
  trigger: { kind: 'event' },
  credentials: [{ name: 'nats', required: true }],
  docs: [
    'Subscription: listens on the subject (`*` one token, `>` the rest) while the workflow is active, in a',
    'queue group when one is given (each message goes to one member); messages sent while the connection is',
    'down are not seen (core NATS keeps nothing). JetStream: reads the stream through a durable consumer',
    '(created when missing, with the subject as its filter); each message is acknowledged once its execution',
    'succeeded, and given back (NAK) when it failed, so it is delivered again; "Max Messages in Flight"',
    'bounds the executions at a time. Each message starts one execution with `{ subject, data, headers }`',
    '(plus `seq` and `redelivered` for JetStream; `data` parsed when "JSON Parse Body" is on and it is JSON).',
  ].join('\n'),
  params: {
    mode: p.options({
      label: 'Mode',
      options: [
        {
          value: 'subscription',
          label: 'Subscription',
          description: 'Core NATS: messages sent while listening',
        },
        {
          value: 'jetStream',
          label: 'JetStream Consumer',
          description: 'Stored messages, acknowledged after success',
        },
      ],
      default: 'subscription',
      noExpression: true,
    }),
    subject: p.string({
      label: 'Subject',
      description:
        "Subject to listen on (wildcards * and >); for JetStream, the consumer's filter (empty: the whole stream)",
      placeholder: 'orders.>',
    }),
    queueGroup: p.string({
      label: 'Queue Group',
      description: 'Share the messages with the other members of this group',
      displayOptions: { show: { mode: ['subscription'] } },
    }),
    stream: p.string({ label: 'Stream', required: true, displayOptions: onJetStream }),
    consumer: p.string({
      label: 'Durable Consumer',
      description: 'Name of the durable consumer (created when missing)',
      default: 'guixuflow',
      required: true,
      displayOptions: onJetStream,
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        jsonParseBody: p.boolean({
          label: 'JSON Parse Body',
          description: 'Whether to parse the data as JSON',
          default: false,
        }),
        onlyMessage: p.boolean({
          label: 'Only Message',
          description: 'Whether to return only the data',
          default: false,
        }),
        deliverNew: p.boolean({
          label: 'New Consumer Starts With New Messages',
          description: 'Whether a consumer created by the trigger skips the messages already in the stream',
          default: false,
          displayOptions: { show: { '/mode': ['jetStream'] } },
        }),
        maxMessages: p.number({
          label: 'Max Messages in Flight',
          default: 10,
          min: 1,
          max: 10_000,
          integer: true,
          displayOptions: { show: { '/mode': ['jetStream'] } },
        }),
      },
    }),
  },
  run: (ctx) => [ctx.items],
  async listen(ctx) {
    const node = ctx.node.name;
    const credential = nodeCredential(natsCredential, await ctx.credentials('nats'), node);
    const fail = natsFailure(node, credential);
    const nc = await openNats(credential, `guixuflow trigger ${node}`).catch((error: unknown) => {
      throw natsConnectFailure(node, credential)(error);
    });
    let closing = false;
    void nc.closed().then((error) => {
      if (!closing) ctx.fail(fail(error ?? new Error('The connection to NATS closed')));
    });
    try {
      if (ctx.params.mode === 'jetStream') await consumeJetStream(nc, ctx, () => closing);
      else subscribe(nc, ctx);
      await nc.flush();
    } catch (error) {
      closing = true;
      await nc.close().catch(() => undefined);
      throw fail(error);
    }
    return {
      async close() {
        closing = true;
        await nc.close().catch(() => undefined);
      },
    };
  },
});
export default definition;

type Params = Parameters<NonNullable<typeof definition.listen>>[0]['params'];

function itemOf(
  message: { subject: string; string(): string; headers?: MsgHdrs },
  options: Params['options'],
  extra: JsonObject = {},
): EventItem {
  const text = message.string();
  let data: JsonValue = text;
  if (options.jsonParseBody) {
    try {
      data = JSON.parse(text) as JsonValue;
    } catch {
      // Not JSON: kept as text.
    }
  }
  if (options.onlyMessage) {
    return {
      json:
        data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as JsonObject) : { data },
    };
  }
  const headers: JsonObject = {};
  for (const [key, values] of message.headers ?? []) headers[key] = values.join(', ');
  return { json: { subject: message.subject, data, headers, ...extra } };
}

function subscribe(nc: NatsConnection, ctx: EventTriggerContext<Params>): void {
  const subject = ctx.params.subject.trim();
  if (subject === '') throw new Error('A subscription needs a subject');
  nc.subscribe(subject, {
    ...(ctx.params.queueGroup ? { queue: ctx.params.queueGroup } : {}),
    callback: (error, message) => {
      if (error) {
        ctx.reportError(error);
        return;
      }
      void ctx.emit([itemOf(message, ctx.params.options)]);
    },
  });
}

async function consumeJetStream(
  nc: NatsConnection,
  ctx: EventTriggerContext<Params>,
  closing: () => boolean,
): Promise<void> {
  const { stream, consumer, subject, options } = ctx.params;
  const jsm = await jetstreamManager(nc);
  const existing = await jsm.consumers.info(stream, consumer).catch((error: unknown) => {
    if (error instanceof Error && /consumer not found/i.test(error.message)) return undefined;
    throw error;
  });
  if (!existing) {
    await jsm.consumers.add(stream, {
      durable_name: consumer,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: options.deliverNew ? DeliverPolicy.New : DeliverPolicy.All,
      ...(subject.trim() ? { filter_subject: subject.trim() } : {}),
    });
  }
  const reader = await jetstream(nc).consumers.get(stream, consumer);
  const messages = await reader.consume({ max_messages: options.maxMessages ?? 10 });
  void (async () => {
    for await (const message of messages) {
      const item = itemOf(message, options, { seq: message.seq, redelivered: message.redelivered });
      void ctx.emit([item], {
        onDone(outcome) {
          if (closing()) return;
          try {
            if (outcome.ok) message.ack();
            else message.nak();
          } catch {
            // The connection is gone: JetStream delivers the message again after its ack wait.
          }
        },
      });
    }
  })().catch((error: unknown) => {
    if (!closing()) ctx.fail(error);
  });
}
