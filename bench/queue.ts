// Queue mode (issue 14): webhook workflow throughput with 1, 2 and 4 workers, and the
// CPU milliseconds per execution of all GuixuFlow processes (a main and the workers), so
// a reader can project the scaling beyond this machine's two cores. Real processes on the
// local PostgreSQL and Redis. Minutes long, so it runs only when named:
//   npm run bench queue        throughput and CPU per execution
//   npm run bench queue-soak   a bounded soak: RSS over time (bench/queue-soak.ts)
// GUIXU_BENCH_QUEUE_EXECUTIONS (default 2000) executions per measurement.
import { loadavg } from 'node:os';
import { Api, Cluster, type ClusterProcess } from '../packages/server/src/queue/chaos/cluster.ts';
import { benchWorkflow, cpuMs, drain, failed, fire } from './_queue-kit.ts';
import type { BenchRow } from './run.ts';

const named = process.argv.slice(2);
const IDLE_MS = 10_000;

function parseExecutions(): number {
  const raw = process.env.GUIXU_BENCH_QUEUE_EXECUTIONS ?? '2000';
  const executions = Number(raw);
  if (!Number.isInteger(executions) || executions < 100)
    throw new Error(`GUIXU_BENCH_QUEUE_EXECUTIONS must be a whole number, at least 100 (got "${raw}")`);
  return executions;
}

async function measure(workers: number, executions: number): Promise<BenchRow[]> {
  const cluster = new Cluster({ env: { GUIXU_WORKER_CONCURRENCY: '16', GUIXU_LOG_LEVEL: 'error' } });
  await cluster.init();
  try {
    const main = await cluster.spawn('main');
    const pool: ClusterProcess[] = [];
    for (let i = 0; i < workers; i++) pool.push(await cluster.spawn('worker'));
    const api = await Api.owner(main.url);
    await api.workflow(benchWorkflow(), true);
    await drain(cluster, await fire(main.url, 200, 0)); // warm-up: JIT, connections, worker threads
    const processes = [main, ...pool];
    const cpuOf = () => processes.map((p) => cpuMs(p.child.pid));
    // What the processes spend with no work (heartbeats, queue polling, metrics): per second, so a
    // reader can take it out of the per-execution figure, which a slow (loaded) run inflates.
    const idleBefore = cpuOf();
    const idleStarted = performance.now();
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const idleSeconds = (performance.now() - idleStarted) / 1000;
    const idle = cpuOf().map((ms, i) => (ms - idleBefore[i]) / idleSeconds);
    const cpuBefore = cpuOf();
    const started = performance.now();
    const ids = await fire(main.url, executions, 200);
    await drain(cluster, ids);
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuOf().map((ms, i) => ms - cpuBefore[i]);
    const mainCpu = cpu[0];
    const workerCpu = cpu.slice(1).reduce((sum, ms) => sum + ms, 0);
    const idleWorkers = idle.slice(1).reduce((sum, ms) => sum + ms, 0);
    const busyCpu = mainCpu + workerCpu - (idle[0] + idleWorkers) * seconds;
    const label = `${workers} worker${workers === 1 ? '' : 's'}`;
    process.stderr.write(
      `queue ${label}: ${executions} executions in ${seconds.toFixed(1)} s; CPU main ${mainCpu} ms, workers ${workerCpu} ms\n`,
    );
    return [
      { name: `${label}: webhook executions/s`, value: executions / seconds, unit: 'exec/s' },
      {
        name: `${label}: CPU per execution, main + workers`,
        value: (mainCpu + workerCpu) / executions,
        unit: 'ms',
      },
      { name: `${label}: CPU per execution, main`, value: mainCpu / executions, unit: 'ms' },
      { name: `${label}: CPU per execution, workers`, value: workerCpu / executions, unit: 'ms' },
      { name: `${label}: idle CPU, main`, value: idle[0], unit: 'ms/s' },
      { name: `${label}: idle CPU, each worker`, value: idleWorkers / workers, unit: 'ms/s' },
      {
        name: `${label}: CPU per execution less idle, main + workers`,
        value: busyCpu / executions,
        unit: 'ms',
      },
      { name: `${label}: executions that did not succeed`, value: await failed(cluster), unit: '' },
      { name: `${label}: machine load (1-min average)`, value: loadavg()[0], unit: '' },
    ];
  } finally {
    await cluster.dispose();
  }
}

export default async function queueBench(): Promise<BenchRow[]> {
  if (!named.some((name) => name === 'queue' || name === 'queue.ts')) {
    process.stderr.write('bench queue: skipped (minutes long; run `npm run bench queue`)\n');
    return [];
  }
  const executions = parseExecutions();
  const rows: BenchRow[] = [];
  for (const workers of [1, 2, 4]) rows.push(...(await measure(workers, executions)));
  return rows;
}
