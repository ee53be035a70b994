import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConnections } from '../shared/connection-cache.ts';
import { runNodeWorkflow } from '../shared/testing/run-node-workflow.ts';
import { settledCount } from '../shared/testing/settled.ts';
import redisCredential from './redis.credentials.ts';
import redis from './redis.node.ts';

/**
 * Against the Redis server on this machine (127.0.0.1:6379). The node signs in
 * as an ACL user of its own (keys `gx:<id>:*` only), so its connections can be
 * counted and a wrong password refused.
 */
const id = randomBytes(4).toString('hex');
const prefix = `gx:${id}:`;
const user = `gx_${id}`;
const password = `pw-${id}`;
const credential = {
  host: '127.0.0.1',
  port: 6379,
  database: 0,
  user,
  password,
  ssl: false,
  disableTlsVerification: false,
};
const admin = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });

function run(parameters: Record<string, unknown>, items?: Record<string, unknown>[], data = credential) {
  return runNodeWorkflow({
    definition: redis,
    parameters,
    credential: { slot: 'redis', data },
    items: items as never,
  });
}

async function openConnections(): Promise<number> {
  const list = String(await admin.call('CLIENT', 'LIST'));
  return list.split('\n').filter((line) => line.includes(` user=${user} `)).length;
}

beforeAll(async () => {
  await admin.connect();
  await admin.call('ACL', 'SETUSER', user, 'on', `>${password}`, `~${prefix}*`, `&${prefix}*`, '+@all');
});

afterAll(async () => {
  await closeConnections();
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.call('ACL', 'DELUSER', user);
  await admin.quit();
});

describe('Redis node against the real server', () => {
  it('sets a string with a TTL and gets it into a nested field', async () => {
    const set = await run(
      { operation: 'set', key: `${prefix}greeting`, value: '={{ $json.text }}', expire: true, ttl: 120 },
      [{ text: "hello'; FLUSHALL" }],
    );
    expect(set.status).toBe('success');
    expect(await admin.get(`${prefix}greeting`)).toBe("hello'; FLUSHALL");
    const ttl = await admin.ttl(`${prefix}greeting`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(120);
    const got = await run({ operation: 'get', key: `${prefix}greeting`, propertyName: 'data.text' }, [
      { keep: 1 },
    ]);
    expect(got.output).toEqual([{ keep: 1, data: { text: "hello'; FLUSHALL" } }]);
  });

  it('writes and reads hashes, lists and sets by key type', async () => {
    await run({ operation: 'set', key: `${prefix}user`, keyType: 'hash', value: '{"name":"Ann","age":31}' });
    await run({ operation: 'set', key: `${prefix}queue`, keyType: 'list', value: '["a","b"]' });
    await run({ operation: 'set', key: `${prefix}tags`, keyType: 'sets', value: '={{ ["x", "y", "x"] }}' });
    expect(await admin.hgetall(`${prefix}user`)).toEqual({ name: 'Ann', age: '31' });
    const got = await run({
      operation: 'get',
      key: `${prefix}user`,
      keyType: 'automatic',
      propertyName: 'user',
    });
    expect(got.output).toEqual([{ user: { name: 'Ann', age: '31' } }]);
    const keys = await run({ operation: 'keys', keyPattern: `${prefix}*` });
    expect(keys.output[0]).toMatchObject({
      [`${prefix}queue`]: ['a', 'b'],
      [`${prefix}user`]: { name: 'Ann', age: '31' },
    });
    expect([...((keys.output[0]?.[`${prefix}tags`] as string[]) ?? [])].sort()).toEqual(['x', 'y']);
    const names = await run({ operation: 'keys', keyPattern: `${prefix}q*`, getValues: false });
    expect(names.output).toEqual([{ keys: [`${prefix}queue`] }]);
  });

  it('increments, pushes, pops, publishes and deletes', async () => {
    const incr = await run({ operation: 'incr', key: `${prefix}count`, expire: true, ttl: 60 }, [{}, {}]);
    expect(incr.output).toEqual([{ [`${prefix}count`]: 1 }, { [`${prefix}count`]: 2 }]);
    await run(
      { operation: 'push', list: `${prefix}jobs`, messageData: '={{ JSON.stringify($json) }}', tail: true },
      [{ job: 1 }, { job: 2 }],
    );
    const popped = await run({ operation: 'pop', list: `${prefix}jobs`, propertyName: 'next' });
    expect(popped.output).toEqual([{ next: { job: 1 } }]);

    const subscriber = admin.duplicate();
    const received = new Promise<string>((resolve) =>
      subscriber.on('message', (_channel, message) => resolve(message)),
    );
    await subscriber.subscribe(`${prefix}events`);
    await run({ operation: 'publish', channel: `${prefix}events`, messageData: 'ping' });
    expect(await received).toBe('ping');
    await subscriber.quit();

    await run({ operation: 'delete', key: `${prefix}count` });
    expect(await admin.exists(`${prefix}count`)).toBe(0);
  });

  it('reports a wrong password, an unreachable server and a wrong key type as node errors', async () => {
    const wrong = await run({ operation: 'get', key: `${prefix}x` }, [{}], {
      ...credential,
      password: 'wrong-secret-pw',
    });
    expect(wrong.error).toMatchObject({ code: 'REDIS_AUTH_FAILED', node: 'DB' });
    expect(JSON.stringify(wrong.runData)).not.toContain('wrong-secret-pw');

    const down = await run({ operation: 'get', key: `${prefix}x` }, [{}], { ...credential, port: 1 });
    expect(down.error).toMatchObject({ code: 'REDIS_CONNECTION_FAILED', node: 'DB' });
    expect(down.error?.message).toContain('127.0.0.1:1');
    expect(JSON.stringify(down.runData)).not.toContain(password);

    await admin.set(`${prefix}plain`, 'text');
    const type = await run({ operation: 'get', key: `${prefix}plain`, keyType: 'hash' });
    expect(type.error).toMatchObject({ code: 'REDIS_COMMAND_FAILED', node: 'DB' });
    expect(type.error?.message).toContain('WRONGTYPE');

    const denied = await run({ operation: 'get', key: 'outside:prefix' });
    expect(denied.error?.code).toBe('REDIS_COMMAND_FAILED');
  });

  it('tests a credential: connected, and a wrong password', async () => {
    const signal = new AbortController().signal;
    expect(await redisCredential.test?.(credential, signal)).toMatchObject({ ok: true });
    const wrong = await redisCredential.test?.({ ...credential, password: 'nope' }, signal);
    expect(wrong?.ok).toBe(false);
    expect(wrong?.message).toContain('WRONGPASS');
  });

  it('closes its connection: none stays open', async () => {
    await run({ operation: 'get', key: `${prefix}plain` });
    expect(await openConnections()).toBe(1);
    await closeConnections();
    expect(await settledCount(openConnections)).toBe(0);
  });
});
