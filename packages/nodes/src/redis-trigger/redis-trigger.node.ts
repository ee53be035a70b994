/**
 * Redis Trigger: n8n's Redis Trigger v1 (pub/sub channels, `*` patterns) plus
 * stream entries read by a consumer group (not in n8n): an entry is
 * acknowledged (XACK) only after its execution succeeded, and entries left
 * pending are read again when the listener opens.
 */
import {
  defineNode,
  type EventTriggerContext,
  type JsonObject,
  type JsonValue,
  NodeOperationError,
  p,
} from '@guixu/core';
import { Redis } from 'ioredis';
import redisCredential from '../redis/redis.credentials.ts';
import { clientOptions, isAuthFailure, type RedisCredential, serverOf } from '../redis/redis-client.ts';
import { failureHandler } from '../shared/connection-errors.ts';
import { nodeCredential } from '../shared/credential-error.ts';
import { readStream } from './redis-stream.ts';

const onStreams = { show: { triggerOn: ['streamEntry'] } };
const onChannels = { show: { triggerOn: ['message'] } };

const definition = defineNode({
  type: 'guixu.redisTrigger',
  version: 1,
  displayName: 'Redis Trigger',
  description:
    'Starts the workflow on messages published to Redis channels, or on entries added to a Redis stream.',
  group: 'trigger',
  icon: 'database',
  defaultName: 'Redis Trigger',
  inputs: [],
  outputs: ['main'],
  trigger: { kind: 'event' },
  credentials: [{ name: 'redis', required: true }],
  docs: [
    'Pub/Sub: subscribes to the channels (comma-separated, `*` patterns) while the workflow is active; each',
    'message starts one execution with `{ channel, message }` ("Only Message": the message alone; "JSON Parse',
    'Body": parsed). Pub/Sub delivers only to listeners connected at the time: messages published during a',
    'reconnect are not seen. Stream: reads new entries of a stream as a consumer of a consumer group (created',
    'at the end of the stream, or from its start, when missing); each entry starts one execution with',
    '`{ stream, id, message }` and is acknowledged (XACK) after the execution succeeded. Entries whose',
    'execution failed stay pending and are read again when the listener reopens (after a reconnect or a',
    'restart), so none is lost.',
  ].join('\n'),
  params: {
    triggerOn: p.options({
      label: 'Trigger On',
      options: [
        { value: 'message', label: 'Pub/Sub Message', description: 'A message published to a channel' },
        {
          value: 'streamEntry',
          label: 'Stream Entry',
          description: 'An entry added to a stream (consumer group)',
        },
      ],
      default: 'message',
      noExpression: true,
    }),
    channels: p.string({
      label: 'Channels',
      description:
        'Channels to subscribe to, multiple can be defined with comma. Wildcard character(*) is supported',
      placeholder: 'channel-name',
      required: true,
      displayOptions: onChannels,
    }),
    stream: p.string({
      label: 'Stream',
      description: 'Key of the stream',
      required: true,
      displayOptions: onStreams,
    }),
    group: p.string({
      label: 'Consumer Group',
      description: 'Created when missing',
      default: 'guixuflow',
      required: true,
      displayOptions: onStreams,
    }),
    consumer: p.string({
      label: 'Consumer Name',
      description: 'Name of this consumer in the group',
      default: 'guixuflow',
      required: true,
      displayOptions: onStreams,
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        jsonParseBody: p.boolean({
          label: 'JSON Parse Body',
          description: 'Whether to try to parse the message to an object',
          default: false,
          displayOptions: { show: { '/triggerOn': ['message'] } },
        }),
        onlyMessage: p.boolean({
          label: 'Only Message',
          description: 'Whether to return only the message property',
          default: false,
          displayOptions: { show: { '/triggerOn': ['message'] } },
        }),
        startFrom: p.options({
          label: 'New Group Starts At',
          description: 'Where a consumer group created by the trigger starts reading',
          options: [
            { value: 'end', label: 'New Entries Only' },
            { value: 'start', label: 'Start of the Stream' },
          ],
          default: 'end',
          displayOptions: { show: { '/triggerOn': ['streamEntry'] } },
        }),
        batchSize: p.number({
          label: 'Batch Size',
          description: 'Entries read at a time; at most this many executions run at once',
          default: 10,
          min: 1,
          max: 1000,
          integer: true,
          displayOptions: { show: { '/triggerOn': ['streamEntry'] } },
        }),
      },
    }),
  },
  run: (ctx) => [ctx.items],
  async listen(ctx) {
    const node = ctx.node.name;
    const credential = nodeCredential(redisCredential, await ctx.credentials('redis'), node);
    const fail = failureHandler({
      node,
      product: 'Redis',
      prefix: 'REDIS',
      server: serverOf(credential),
      isAuthFailure,
      rejected: 'COMMAND_FAILED',
    });
    const client = await connect(credential, `guixuflow-trigger`, ctx).catch((error: unknown) => {
      throw fail(error);
    });
    let closing = false;
    const lost = (error: unknown) => {
      if (!closing) ctx.fail(fail(error));
    };
    client.on('close', () => lost(new Error('Connection to Redis closed')));
    const stop = async () => {
      closing = true;
      client.disconnect();
    };
    try {
      if (ctx.params.triggerOn === 'streamEntry') {
        const done = readStream(client, ctx, { isClosing: () => closing, lost });
        await done.ready;
      } else {
        await subscribe(client, ctx);
      }
    } catch (error) {
      await stop();
      throw fail(error);
    }
    return { close: stop };
  },
});
export default definition;

type Context = EventTriggerContext<Parameters<NonNullable<typeof definition.listen>>[0]['params']>;

async function connect(
  credential: RedisCredential,
  name: string,
  ctx: { signal: AbortSignal },
): Promise<Redis> {
  const client = new Redis({
    ...clientOptions(credential),
    connectionName: name,
    // The event-trigger service reconnects (with its backoff); a blocking read waits as long as it needs.
    retryStrategy: () => null,
    maxRetriesPerRequest: null,
    enableOfflineQueue: false,
  });
  let lastError: unknown;
  client.on('error', (error) => {
    lastError = error;
  });
  ctx.signal.addEventListener('abort', () => client.disconnect(), { once: true });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw lastError ?? error;
  }
  return client;
}

async function subscribe(client: Redis, ctx: Context): Promise<void> {
  const { options } = ctx.params;
  const node = ctx.node.name;
  const patterns = ctx.params.channels
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  if (patterns.length === 0) {
    throw new NodeOperationError(node, `Node "${node}" has no channel to subscribe to`, {
      details: { code: 'REDIS_TRIGGER_INVALID' },
    });
  }
  client.on('pmessage', (_pattern: string, channel: string, text: string) => {
    let message: JsonValue = text;
    if (options.jsonParseBody) {
      try {
        message = JSON.parse(text) as JsonValue;
      } catch {
        // As n8n: a message that is not JSON is passed on as text.
      }
    }
    const isObject = message !== null && typeof message === 'object' && !Array.isArray(message);
    const json: JsonObject = options.onlyMessage
      ? isObject
        ? (message as JsonObject)
        : { message }
      : { channel, message };
    void ctx.emit([{ json }]);
  });
  await client.psubscribe(...patterns);
}
