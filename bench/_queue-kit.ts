// Shared by bench/queue.ts and bench/queue-soak.ts: the webhook workflow both measure, the
// load they put on a cluster, and what they read from /proc about its processes.
import { readFileSync } from 'node:fs';
import { type Cluster, fireWebhook } from '../packages/server/src/queue/chaos/cluster.ts';
import { unfinished } from '../packages/server/src/queue/chaos/verify.ts';

/** Concurrent webhook callers. */
export const IN_FLIGHT = 32;
const TICKS = 100; // clock ticks per second (USER_HZ)

/** Webhook (answers when received) → Set → Set: the execution a worker runs. */
export function benchWorkflow() {
  const set = (name: string, x: number, value: string) => ({
    id: `n-${x}`,
    name,
    type: 'guixu.set',
    typeVersion: 1,
    position: [x * 200, 0],
    parameters: {
      mode: 'manual',
      assignments: { assignments: [{ id: `a${x}`, name, type: 'string', value }] },
    },
  });
  return {
    name: 'Queue bench',
    nodes: [
      {
        id: 'n-0',
        name: 'Webhook',
        type: 'guixu.webhook',
        typeVersion: 1,
        position: [0, 0],
        parameters: { httpMethod: 'POST', path: 'bench', responseMode: 'onReceived' },
      },
      set('A', 1, '={{ $json.body.n }}'),
      set('B', 2, '={{ $json.A }}'),
    ],
    connections: {
      Webhook: { main: [[{ node: 'A', type: 'main', index: 0 }]] },
      A: { main: [[{ node: 'B', type: 'main', index: 0 }]] },
    },
    settings: { timezone: 'UTC' },
  };
}

/** CPU time (user + system, every thread) a process has used so far, ms, from /proc. */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return 0;
  }
}

/** Resident set size of a process, MB, from /proc. */
export function rssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Calls the bench webhook `count` times, IN_FLIGHT at once; returns the execution ids. */
export async function fire(url: string, count: number, offset: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) {
        const n = offset + next++;
        ids.push((await fireWebhook(url, 'bench', { n })).id);
      }
    }),
  );
  return ids;
}

/** Waits until every execution of `ids` has finished. */
export async function drain(cluster: Cluster, ids: string[]): Promise<void> {
  while ((await unfinished(cluster.database, ids)) > 0) await new Promise((r) => setTimeout(r, 100));
}

/** Executions of the cluster that did not succeed (a bench that loses runs measures nothing). */
export async function failed(cluster: Cluster): Promise<number> {
  const row = await cluster.database.db
    .selectFrom('executions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '!=', 'success')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Least-squares slope of y over x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}
