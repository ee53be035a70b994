import { isRecord } from '@guixu/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Api, Cluster, type ClusterProcess } from './cluster.ts';

/**
 * Two mains with the same schedules: each tick fires once; the leader is
 * SIGKILLed and the other main takes over within 10 s (issue 14).
 */
const cluster = new Cluster({ env: { GUIXU_LEADER_TTL_SECONDS: '6' } });

beforeAll(async () => {
  await cluster.init();
}, 120_000);
afterAll(async () => {
  await cluster.dispose();
}, 120_000);

async function leads(proc: ClusterProcess): Promise<boolean> {
  try {
    const text = await (await fetch(`${proc.url}/metrics`)).text();
    return /^guixu_leader 1$/m.test(text);
  } catch {
    return false;
  }
}

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Schedule executions by tick. */
async function ticks(cluster: Cluster): Promise<Map<string, number>> {
  const rows = await cluster.database.db.selectFrom('executions').select(['trigger']).execute();
  const byTick = new Map<string, number>();
  for (const row of rows) {
    const trigger: unknown = typeof row.trigger === 'string' ? JSON.parse(row.trigger) : row.trigger;
    if (!isRecord(trigger) || trigger.kind !== 'schedule') continue;
    const tick = String(trigger.tick);
    byTick.set(tick, (byTick.get(tick) ?? 0) + 1);
  }
  return byTick;
}

it('fires each tick once with two mains, and fails over when the leader dies', async () => {
  const [first, second] = await Promise.all([cluster.spawn('main'), cluster.spawn('main')]);
  await cluster.spawn('worker');
  const api = await Api.owner(first.url);
  await api.workflow(
    {
      name: 'Every second',
      nodes: [
        {
          id: 'n-s',
          name: 'Schedule',
          type: 'guixu.scheduleTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: 1 }] } },
        },
        {
          id: 'n-set',
          name: 'Set',
          type: 'guixu.set',
          typeVersion: 1,
          position: [200, 0],
          parameters: {
            mode: 'manual',
            assignments: { assignments: [{ id: 'a', name: 'x', type: 'string', value: '=1' }] },
          },
        },
      ],
      connections: { Schedule: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
      settings: { timezone: 'UTC' },
    },
    true,
  );
  const leader = await until('a leader', async () =>
    (await leads(first)) ? first : (await leads(second)) ? second : undefined,
  );
  const follower = leader === first ? second : first;
  await until('five ticks', async () => ((await ticks(cluster)).size >= 5 ? true : undefined));
  const killedAt = Date.now();
  await cluster.kill(leader, 'SIGKILL');
  await until('the takeover', async () => ((await leads(follower)) ? true : undefined), 30_000);
  const takeoverSeconds = (Date.now() - killedAt) / 1000;
  const before = (await ticks(cluster)).size;
  await until('ticks after the takeover', async () =>
    (await ticks(cluster)).size >= before + 3 ? true : undefined,
  );
  const byTick = await ticks(cluster);
  const duplicates = [...byTick.values()].filter((count) => count > 1).length;
  console.log(`leader: ${JSON.stringify({ ticks: byTick.size, duplicates, takeoverSeconds })}`);
  expect(duplicates).toBe(0);
  expect(takeoverSeconds).toBeLessThanOrEqual(10);
}, 300_000);
