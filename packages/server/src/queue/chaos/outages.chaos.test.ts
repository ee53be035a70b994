import { afterAll, expect, it } from 'vitest';
import { TEST_POSTGRES_URL } from '../../testing/test-database.ts';
import { Api, Cluster, fireWebhook } from './cluster.ts';
import { CuttableProxy, OwnRedis } from './outages.ts';
import { unfinished, verify } from './verify.ts';

/**
 * Issue 14: Redis restarted mid-run, then PostgreSQL cut mid-run. While one
 * is down webhooks answer 503 with Retry-After; nothing accepted is lost;
 * processing resumes by itself once it is back.
 */
const NODES = ['Webhook', 'A', 'Wait', 'B'];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}, 120_000);

function workflow(path: string) {
  const set = (name: string, x: number) => ({
    id: `n-${x}`,
    name,
    type: 'guixu.set',
    typeVersion: 1,
    position: [x * 200, 0],
    parameters: {
      mode: 'manual',
      assignments: { assignments: [{ id: `a${x}`, name: name, type: 'string', value: '=ok' }] },
    },
  });
  return {
    name: 'Outage',
    nodes: [
      {
        id: 'n-0',
        name: 'Webhook',
        type: 'guixu.webhook',
        typeVersion: 1,
        position: [0, 0],
        parameters: { httpMethod: 'POST', path, responseMode: 'onReceived' },
      },
      set('A', 1),
      {
        id: 'n-2',
        name: 'Wait',
        type: 'guixu.wait',
        typeVersion: 1,
        position: [400, 0],
        parameters: { resume: 'timeInterval', amount: 1, unit: 'seconds' },
      },
      set('B', 3),
    ],
    connections: {
      Webhook: { main: [[{ node: 'A', type: 'main', index: 0 }]] },
      A: { main: [[{ node: 'Wait', type: 'main', index: 0 }]] },
      Wait: { main: [[{ node: 'B', type: 'main', index: 0 }]] },
    },
    settings: { timezone: 'UTC' },
  };
}

/** Fires `count` webhooks, retrying refusals; returns the accepted ids. */
async function fire(base: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        next++;
        ids.push((await fireWebhook(base, 'outage', {})).id);
      }
    }),
  );
  return ids;
}

/** Calls while the peer is down: counts answers by status and checks each refusal's Retry-After. */
async function probeWhileDown(base: string, calls: number) {
  const statuses: Record<string, number> = {};
  const accepted: string[] = [];
  let withoutRetryAfter = 0;
  for (let i = 0; i < calls; i++) {
    const response = await fetch(`${base}/webhook/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await response.arrayBuffer();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (response.ok) accepted.push(response.headers.get('x-execution-id') ?? '');
    else if (!response.headers.get('retry-after')) withoutRetryAfter++;
  }
  return { statuses, accepted, withoutRetryAfter };
}

async function settle(cluster: Cluster, ids: string[]): Promise<number> {
  const deadline = Date.now() + 180_000;
  let open = await unfinished(cluster.database, ids);
  while (open > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    open = await unfinished(cluster.database, ids);
  }
  return open;
}

/**
 * 100 webhooks, the outage (`down`), 20 probes while it lasts, `up`, 100 more; then every accepted
 * execution must finish once, with no node run twice.
 */
async function throughOutage(
  label: string,
  options: { databaseUrl?: string; redisUrl?: string },
  down: () => Promise<void>,
  up: () => Promise<void>,
) {
  const cluster = new Cluster({ ...options, env: { GUIXU_QUEUE_LOCK_SECONDS: '4' } });
  cleanups.push(() => cluster.dispose(process.env.GUIXU_CHAOS_KEEP === '1'));
  await cluster.init();
  const main = await cluster.spawn('main');
  await Promise.all([cluster.spawn('worker'), cluster.spawn('worker')]);
  const api = await Api.owner(main.url);
  await api.workflow(workflow('outage'), true);

  const before = await fire(main.url, 100);
  await down();
  const during = await probeWhileDown(main.url, 20);
  await up();
  const after = await fire(main.url, 100);
  const ids = [...before, ...during.accepted, ...after];
  const open = await settle(cluster, ids);
  const verdict = await verify(cluster.database, ids, NODES);
  console.log(
    `${label}: ${JSON.stringify({ ...verdict, missing: verdict.missing.length, incomplete: verdict.incomplete.length, during: during.statuses, open })}`,
  );
  // Each assertion carries the whole account, so a failure in CI says what happened.
  const account = JSON.stringify({ ...verdict, during, open });
  expect(during.statuses['503'], account).toBeGreaterThan(0);
  expect(during.withoutRetryAfter, account).toBe(0);
  expect(open, account).toBe(0);
  expect(verdict.byStatus, account).toEqual({ success: ids.length });
  expect(verdict.rerunNodes, account).toBe(0);
}

it('survives a Redis restart: 503 while it is down, nothing accepted lost, processing resumes', async () => {
  const redis = await OwnRedis.start();
  cleanups.push(() => redis.down());
  await throughOutage(
    'redis outage',
    { redisUrl: redis.url },
    () => redis.down(),
    () => redis.up(),
  );
}, 600_000);

it('survives a PostgreSQL outage: 503 while it is cut, nothing accepted lost, processing resumes', async () => {
  const target = new URL(TEST_POSTGRES_URL);
  const proxy = await CuttableProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
  cleanups.push(() => proxy.cut());
  const proxied = new URL(TEST_POSTGRES_URL);
  proxied.port = String(proxy.port);
  await throughOutage(
    'postgres outage',
    { databaseUrl: proxied.toString() },
    () => proxy.cut(),
    () => proxy.restore(),
  );
}, 600_000);
