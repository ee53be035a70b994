import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../testing/test-app.ts';
import { eventually } from '../schedules/schedule-test-kit.ts';
import { activeWorkflow, api, chain, createWorkflow, node } from '../webhooks/webhook-test-kit.ts';
import { settlesAt, type TriggeredRun, triggeredRuns, triggerTestApp } from './broker-test-kit.ts';

/**
 * The Redis Trigger through the server, against the local Redis. The trigger
 * signs in as an ACL user of its own (keys `gx:<id>:*`; PSUBSCRIBE patterns need every channel), so the
 * server's connections can be counted and dropped (CLIENT KILL USER) without
 * touching anybody else's.
 */
const id = randomBytes(4).toString('hex');
const prefix = `gx:${id}:`;
const user = `gx_trigger_${id}`;
const password = `pw-${id}`;
const admin = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
let t: TestApp;
let credentialId: string;
/** The Redis action node signs in as another user: its cached connection is not the trigger's. */
const actionUser = `gx_action_${id}`;
let actionCredentialId: string;

async function connections(): Promise<number> {
  const list = String(await admin.call('CLIENT', 'LIST'));
  return list.split('\n').filter((line) => line.includes(` user=${user} `)).length;
}

const credentials = () => ({ redis: { id: credentialId, name: 'Local Redis' } });
const json = (run: TriggeredRun) => Object(run.json) as Record<string, unknown>;

beforeAll(async () => {
  await admin.connect();
  await admin.call('ACL', 'SETUSER', user, 'on', `>${password}`, `~${prefix}*`, 'allchannels', '+@all');
  await admin.call('ACL', 'SETUSER', actionUser, 'on', `>${password}`, `~${prefix}*`, '+@all');
  t = await triggerTestApp();
  const events = t.ctx.services.get('triggers').events;
  events.backoff = { baseMs: 100, maxMs: 1000 };
  await events.start();
  const created = await api(t, 'POST', '/api/v1/credentials', {
    name: 'Local Redis',
    type: 'redis',
    data: { host: '127.0.0.1', port: 6379, user, password },
  });
  credentialId = String(Reflect.get(Object(created.body), 'id'));
  const action = await api(t, 'POST', '/api/v1/credentials', {
    name: 'Redis for actions',
    type: 'redis',
    data: { host: '127.0.0.1', port: 6379, user: actionUser, password },
  });
  actionCredentialId = String(Reflect.get(Object(action.body), 'id'));
}, 60_000);

afterAll(async () => {
  await t.ctx.services.get('triggers').events.stop();
  await t.dispose();
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.call('ACL', 'DELUSER', user, actionUser);
  await admin.quit();
});

describe('Redis Trigger through the server', () => {
  it('runs per message on channel patterns and closes its connection on deactivation', async () => {
    const id = await activeWorkflow(
      t,
      [
        node(
          'Redis',
          'guixu.redisTrigger',
          { channels: `${prefix}orders.*, ${prefix}alerts`, options: { jsonParseBody: true } },
          { credentials: credentials() },
        ),
      ],
      {},
    );
    expect(await settlesAt(connections, 1, 'the subscriber connection')).toBe(1);
    await admin.publish(`${prefix}orders.new`, '{"n":1}');
    await admin.publish(`${prefix}alerts`, 'plain text');
    await admin.publish(`${prefix}other`, 'not subscribed');
    const runs = await eventually(
      async () => {
        const found = await triggeredRuns(t, id, 'Redis');
        return found.filter((r) => r.status === 'success').length >= 2 ? found : undefined;
      },
      30_000,
      'two runs',
    );
    expect(runs.map(json)).toEqual(
      expect.arrayContaining([
        { channel: `${prefix}orders.new`, message: { n: 1 } },
        { channel: `${prefix}alerts`, message: 'plain text' },
      ]),
    );
    expect(runs).toHaveLength(2);
    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
    expect(await settlesAt(connections, 0, 'the subscriber to close')).toBe(0);
  }, 120_000);

  it('acknowledges stream entries after success; a failed one stays pending and is read again after a drop', async () => {
    const stream = `${prefix}events`;
    const group = 'workers';
    const id = await activeWorkflow(
      t,
      [
        node(
          'Stream',
          'guixu.redisTrigger',
          { triggerOn: 'streamEntry', stream, group },
          { credentials: credentials() },
        ),
        node(
          'Count',
          'guixu.redis',
          { operation: 'incr', key: `=${prefix}tries:{{ $json.id }}` },
          { credentials: { redis: { id: actionCredentialId, name: 'Redis for actions' } } },
        ),
        node('Check', 'guixu.code', {
          mode: 'runOnceForAllItems',
          jsCode:
            "const tries = Object.values($json)[0];\nif ($('Stream').first().json.message.failFirst === 'yes' && tries === 1) throw new Error('first try fails');\nreturn $input.all();",
        }),
      ],
      chain(['Stream', 'Count', 'Check']),
    );
    await settlesAt(connections, 1, 'the stream reader connection');
    const first = await admin.xadd(stream, '*', 'failFirst', 'yes', 'n', '1');
    const second = await admin.xadd(stream, '*', 'n', '2');
    await eventually(
      async () => {
        const runs = await triggeredRuns(t, id, 'Stream');
        return runs.some((r) => r.status === 'error') && runs.some((r) => r.status === 'success')
          ? true
          : undefined;
      },
      30_000,
      'a failed and a successful run',
    );
    // The failed entry is still pending for the group; the other was acknowledged.
    const pending = await eventually(
      async () => {
        const list = (await admin.xpending(stream, group, '-', '+', 10)) as [string, ...unknown[]][];
        return list.length === 1 ? list.map((entry) => entry[0]) : undefined;
      },
      30_000,
      'one pending entry',
    );
    expect(pending).toEqual([first]);

    // The server's connection drops; the reopened reader reads the pending entry first.
    await admin.call('CLIENT', 'KILL', 'USER', user);
    const runs = await eventually(
      async () => {
        const found = await triggeredRuns(t, id, 'Stream');
        return found.filter((r) => r.status === 'success').length >= 2 ? found : undefined;
      },
      30_000,
      'the pending entry handled after the reconnect',
    );
    expect(runs.filter((r) => r.status === 'success').map((r) => json(r).id)).toEqual(
      expect.arrayContaining([first, second]),
    );
    expect(json(runs[0])).toMatchObject({ stream, message: { failFirst: 'yes', n: '1' } });
    await eventually(
      async () => ((await admin.xpending(stream, group, '-', '+', 10)).length === 0 ? true : undefined),
      30_000,
      'no pending entry',
    );
    const events = t.ctx.services.get('triggers').events;
    await eventually(
      async () => (events.status(id)[0]?.state === 'listening' ? true : undefined),
      30_000,
      'listening again',
    );
    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
    expect(await settlesAt(connections, 0, 'the reader to close')).toBe(0);
  }, 120_000);

  it('refuses activation with a wrong password', async () => {
    const wrong = await api(t, 'POST', '/api/v1/credentials', {
      name: 'Wrong Redis',
      type: 'redis',
      data: { host: '127.0.0.1', port: 6379, user, password: 'wrong' },
    });
    const refused = await createWorkflow(
      t,
      [
        node(
          'Redis',
          'guixu.redisTrigger',
          { channels: `${prefix}x` },
          {
            credentials: {
              redis: { id: String(Reflect.get(Object(wrong.body), 'id')), name: 'Wrong Redis' },
            },
          },
        ),
      ],
      {},
    );
    const answer = await api(t, 'POST', `/api/v1/workflows/${refused}/activate`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'REDIS_AUTH_FAILED' });
    expect(await connections()).toBe(0);
  });
});
