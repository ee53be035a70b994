import { afterAll, beforeAll, expect, it } from 'vitest';
import { Api, Cluster, type ClusterProcess, fireWebhook } from './cluster.ts';
import { type Verdict, unfinished, verify } from './verify.ts';
import { chaosWorkflow, childWorkflow } from './workflows.ts';

/**
 * The chaos test of issue 14: a main and 3 workers as child processes,
 * GUIXU_CHAOS_EXECUTIONS (default 2,000) executions of a 10-node workflow with
 * two Waits and a sub-workflow, a random worker SIGKILLed and restarted every
 * GUIXU_CHAOS_KILL_SECONDS. Every execution must succeed exactly once and no
 * node that finished may run again.
 */
const EXECUTIONS = Number(process.env.GUIXU_CHAOS_EXECUTIONS ?? 2000);
const KILL_EVERY_MS = Number(process.env.GUIXU_CHAOS_KILL_SECONDS ?? 4) * 1000;
const WORKERS = 3;
const IN_FLIGHT = 16;
const NODES = ['Webhook', 'A', 'B', 'Wait 1', 'C', 'Sub-workflow', 'D', 'Wait 2', 'E', 'F'];

const cluster = new Cluster({
  env: {
    // Short locks: a killed worker's jobs go to another worker within seconds.
    GUIXU_QUEUE_LOCK_SECONDS: '4',
    GUIXU_WORKER_CONCURRENCY: '20',
    GUIXU_MAX_CONCURRENCY: '64',
    GUIXU_QUEUE_MAX_PENDING: '100000',
  },
});

beforeAll(async () => {
  await cluster.init();
}, 120_000);
afterAll(async () => {
  await cluster.dispose(process.env.GUIXU_CHAOS_KEEP === '1');
}, 120_000);

it(`${EXECUTIONS} executions survive workers killed at random`, async () => {
  const began = Date.now();
  const main = await cluster.spawn('main');
  const workers: ClusterProcess[] = await Promise.all(
    Array.from({ length: WORKERS }, () => cluster.spawn('worker')),
  );
  const api = await Api.owner(main.url);
  const childId = await api.workflow(childWorkflow(), false);
  await api.workflow(chaosWorkflow('chaos', childId, 1), true);
  const started = Date.now();

  let kills = 0;
  let stopChaos = false;
  const restarts: Promise<void>[] = [];
  const chaos = (async () => {
    while (!stopChaos) {
      await new Promise((resolve) => setTimeout(resolve, KILL_EVERY_MS));
      if (stopChaos) break;
      const alive = workers.filter(
        (worker) => worker.child.exitCode === null && worker.child.signalCode === null,
      );
      if (alive.length <= 1) continue;
      const victim = alive[Math.floor(Math.random() * alive.length)];
      await cluster.kill(victim, 'SIGKILL');
      kills++;
      workers.splice(workers.indexOf(victim), 1);
      // Restarted in the background: the next kill does not wait for it.
      restarts.push(cluster.spawn('worker').then((worker) => void workers.push(worker)));
    }
  })();

  const ids: string[] = [];
  let refused = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < EXECUTIONS) {
        const n = next++;
        const accepted = await fireWebhook(main.url, 'chaos', { n });
        ids.push(accepted.id);
        refused += accepted.refused;
      }
    }),
  );
  const accepted = Date.now();

  const deadline = Date.now() + Number(process.env.GUIXU_CHAOS_TIMEOUT_SECONDS ?? 600) * 1000;
  let open = await unfinished(cluster.database, ids);
  while (open > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    open = await unfinished(cluster.database, ids);
  }
  stopChaos = true;
  await chaos;
  await Promise.allSettled(restarts);
  const done = Date.now();

  const verdict: Verdict = await verify(cluster.database, ids, NODES);
  const report = {
    ...verdict,
    missing: verdict.missing.length,
    incomplete: verdict.incomplete.length,
    kills,
    refusedCalls: refused,
    unfinished: open,
    secondsToAccept: (accepted - started) / 1000,
    secondsToFinish: (done - started) / 1000,
    secondsInAll: (done - began) / 1000,
  };
  // The executions that did not finish, as the database has them: enough to tell slow from stuck.
  const stuck = await cluster.database.db
    .selectFrom('executions')
    .select(['id', 'status', 'instance_id', 'heartbeat_at', 'wait_till', 'created_at'])
    .where('id', 'in', verdict.incomplete.length > 0 ? verdict.incomplete.slice(0, 5) : [''])
    .execute();
  console.log(`chaos: ${JSON.stringify({ ...report, stuck })}`);
  expect(open, JSON.stringify({ ...report, stuck })).toBe(0);
  expect(new Set(ids).size).toBe(EXECUTIONS);
  expect(verdict.missing).toEqual([]);
  expect(verdict.byStatus).toEqual({ success: EXECUTIONS });
  expect(verdict.incomplete.slice(0, 5)).toEqual([]);
  expect(verdict.rerunNodes).toBe(0);
  expect(kills).toBeGreaterThan(0);
}, 900_000);
