/**
 * Redis, parameters as n8n's Redis v1. Deviations: Keys uses SCAN (never the
 * blocking KEYS); a string set with a TTL is one `SET … EX`; other writes with
 * a TTL run in one MULTI; "Set" of a list or set appends the members given.
 */
import { defineNode, type Item, type JsonObject, p } from '@guixu/core';
import { z } from 'zod';
import { failureHandler } from '../shared/connection-errors.ts';
import { nodeCredential } from '../shared/credential-error.ts';
import { setField } from '../shared/field-paths.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import redisCredential from './redis.credentials.ts';
import { isAuthFailure, serverOf, withRedis } from './redis-client.ts';
import { parseInfo, poppedValue, readKey, writeKey } from './redis-values.ts';

const keyTypes = [
  {
    value: 'automatic',
    label: 'Automatic',
    description: 'Requests the type before requesting the data (slower)',
  },
  { value: 'hash', label: 'Hash', description: "Data in key is of type 'hash'" },
  { value: 'string', label: 'String', description: "Data in key is of type 'string'" },
  { value: 'list', label: 'List', description: "Data in key is of type 'list'" },
  { value: 'sets', label: 'Sets', description: "Data in key is of type 'sets'" },
] as const;

const show = (...operation: string[]) => ({ show: { operation } });

export default defineNode({
  type: 'guixu.redis',
  version: 1,
  displayName: 'Redis',
  description:
    'Gets, sets, deletes and increments keys, lists keys, pushes and pops lists, publishes messages.',
  group: 'action',
  icon: 'database',
  defaultName: 'Redis',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'redis', required: true }],
  docs: [
    'One connection per credential (per execution worker), closed after a minute unused. Each input item',
    'runs the operation once. Get reads a key by its type (string, hash, list, set) into a field of the item;',
    'Set writes one, with an optional expiry in seconds; Keys lists the keys matching a pattern (SCAN) with',
    'their values; Increment returns the new value; Push and Pop work on either end of a list; Publish sends',
    'a message to a channel; Info returns the server information as one object.',
  ].join('\n'),
  params: {
    operation: p.options({
      label: 'Operation',
      options: [
        { value: 'delete', label: 'Delete', description: 'Delete a key from Redis' },
        { value: 'get', label: 'Get', description: 'Get the value of a key from Redis' },
        {
          value: 'incr',
          label: 'Increment',
          description: 'Atomically increments a key by 1. Creates the key if it does not exist.',
        },
        { value: 'info', label: 'Info', description: 'Returns generic information about the Redis instance' },
        { value: 'keys', label: 'Keys', description: 'Returns all the keys matching a pattern' },
        { value: 'pop', label: 'Pop', description: 'Pop data from a redis list' },
        { value: 'publish', label: 'Publish', description: 'Publish message to redis channel' },
        { value: 'push', label: 'Push', description: 'Push data to a redis list' },
        { value: 'set', label: 'Set', description: 'Set the value of a key in redis' },
      ],
      default: 'info',
    }),
    propertyName: p.string({
      label: 'Name',
      description:
        'Name of the field to write the value to. Supports dot-notation, e.g. "data.person[0].name".',
      default: 'propertyName',
      required: true,
      displayOptions: show('get', 'pop'),
    }),
    key: p.string({
      label: 'Key',
      description: 'Name of the key',
      required: true,
      displayOptions: show('delete', 'get', 'incr', 'set'),
    }),
    keyType: p.options({
      label: 'Key Type',
      description: 'The type of the key',
      options: keyTypes,
      default: 'automatic',
      displayOptions: show('get', 'set'),
    }),
    value: p.custom<unknown>({
      kind: 'string',
      widget: 'text',
      label: 'Value',
      description: 'The value to write (an expression may give an object for a hash or an array for a list)',
      schema: z.unknown(),
      default: '',
      displayOptions: show('set'),
    }),
    valueIsJSON: p.boolean({
      label: 'Value Is JSON',
      description: 'Whether the value is JSON or key value pairs',
      default: true,
      displayOptions: { show: { operation: ['set'], keyType: ['hash'] } },
    }),
    expire: p.boolean({
      label: 'Expire',
      description: 'Whether to set a timeout on key',
      default: false,
      displayOptions: show('set', 'incr'),
    }),
    ttl: p.number({
      label: 'TTL',
      description: 'Number of seconds before key expiration',
      default: 60,
      min: 1,
      integer: true,
      displayOptions: { show: { operation: ['set', 'incr'], expire: [true] } },
    }),
    keyPattern: p.string({
      label: 'Key Pattern',
      description: 'The key pattern for the keys to return',
      required: true,
      displayOptions: show('keys'),
    }),
    getValues: p.boolean({
      label: 'Get Values',
      description: 'Whether to get the value of matching keys',
      default: true,
      displayOptions: show('keys'),
    }),
    channel: p.string({
      label: 'Channel',
      description: 'Channel name',
      required: true,
      displayOptions: show('publish'),
    }),
    list: p.string({
      label: 'List',
      description: 'Name of the list in Redis',
      required: true,
      displayOptions: show('push', 'pop'),
    }),
    messageData: p.string({
      label: 'Data',
      description: 'Data to publish',
      required: true,
      displayOptions: show('publish', 'push'),
    }),
    tail: p.boolean({
      label: 'Tail',
      description: 'Whether to push or pop data from the end of the list',
      default: false,
      displayOptions: show('push', 'pop'),
    }),
    options: p.collection({
      label: 'Options',
      displayOptions: show('get', 'pop'),
      fields: {
        dotNotation: p.boolean({
          label: 'Dot Notation',
          description:
            'Whether "Name" with dots writes a nested field (otherwise the key is literally "a.b")',
          default: true,
        }),
      },
    }),
  },
  async run(ctx) {
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
    const items = await mapItemsAsync(ctx, async (item, itemIndex): Promise<Item> => {
      const params = ctx.params(itemIndex);
      const withField = (value: unknown): Item => {
        const json: JsonObject = { ...item.json };
        setField(json, params.propertyName, value, params.options.dotNotation === false);
        return { json, pairedItem: { item: itemIndex } };
      };
      const passThrough: Item = { json: item.json, pairedItem: { item: itemIndex } };
      try {
        return await withRedis(credential, async (client) => {
          const ttl = params.expire ? params.ttl : undefined;
          switch (params.operation) {
            case 'info':
              return { json: parseInfo(await client.info()), pairedItem: { item: itemIndex } };
            case 'get':
              return withField(await readKey(client, params.key, params.keyType));
            case 'set':
              await writeKey(client, {
                key: params.key,
                value: params.value,
                keyType: params.keyType,
                valueIsJSON: params.valueIsJSON,
                ttl,
              });
              return passThrough;
            case 'delete':
              await client.del(params.key);
              return passThrough;
            case 'incr': {
              const value = await client.incr(params.key);
              if (ttl !== undefined) await client.expire(params.key, ttl);
              return { json: { [params.key]: value }, pairedItem: { item: itemIndex } };
            }
            case 'keys': {
              const keys: string[] = [];
              for await (const batch of client.scanStream({ match: params.keyPattern, count: 500 })) {
                keys.push(...(batch as string[]));
              }
              if (!params.getValues) return { json: { keys }, pairedItem: { item: itemIndex } };
              const json: JsonObject = {};
              for (const key of keys.sort()) json[key] = await readKey(client, key, 'automatic');
              return { json, pairedItem: { item: itemIndex } };
            }
            case 'publish':
              await client.publish(params.channel, params.messageData);
              return passThrough;
            case 'push':
              if (params.tail) await client.rpush(params.list, params.messageData);
              else await client.lpush(params.list, params.messageData);
              return passThrough;
            case 'pop': {
              const text = params.tail ? await client.rpop(params.list) : await client.lpop(params.list);
              return withField(poppedValue(text));
            }
          }
        });
      } catch (error) {
        throw fail(error, itemIndex);
      }
    });
    return [items];
  },
});
