// Queue mode (issue 14): a bounded soak. A main and two workers (real processes, the local
// PostgreSQL and Redis) run the webhook workflow in batches for GUIXU_BENCH_SOAK_SECONDS
// (default 600); the RSS of every process is sampled on a clock and a least-squares slope is
// fitted after the warm-up, so flat memory shows as a slope near 0 MB/min. Runs only when named:
//   npm run bench queue-soak
//   GUIXU_BENCH_SOAK_SECONDS=120 npm run bench queue-soak
import { loadavg } from 'node:os';
import { Api, Cluster, type ClusterProcess } from '../packages/server/src/queue/chaos/cluster.ts';
import { benchWorkflow, drain, failed, fire, rssMb, slope } from './_queue-kit.ts';
import type { BenchRow } from './run.ts';

const named = process.argv.slice(2);
const WORKERS = 2;
const BATCH = 200;

interface Sample {
  seconds: number;
  executions: number;
  rss: number[];
}

function parseSeconds(): number {
  const raw = process.env.GUIXU_BENCH_SOAK_SECONDS ?? '600';
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 30)
    throw new Error(`GUIXU_BENCH_SOAK_SECONDS must be a number of seconds, at least 30 (got "${raw}")`);
  return seconds;
}

export default async function queueSoak(): Promise<BenchRow[]> {
  if (!named.some((name) => name === 'queue-soak' || name === 'queue-soak.ts')) {
    process.stderr.write('bench queue-soak: skipped (minutes long; run `npm run bench queue-soak`)\n');
    return [];
  }
  const seconds = parseSeconds();
  // Warm-up: JIT, pools, caches fill; the slope is fitted on what follows.
  const warmUp = Math.min(120, seconds * 0.2);
  const every = Math.max(5, seconds / 40);
  const cluster = new Cluster({ env: { GUIXU_WORKER_CONCURRENCY: '16', GUIXU_LOG_LEVEL: 'error' } });
  await cluster.init();
  try {
    const main = await cluster.spawn('main');
    const workers: ClusterProcess[] = [];
    for (let i = 0; i < WORKERS; i++) workers.push(await cluster.spawn('worker'));
    const processes = [main, ...workers];
    const names = processes.map((p) => p.name);
    const api = await Api.owner(main.url);
    await api.workflow(benchWorkflow(), true);

    const started = Date.now();
    const samples: Sample[] = [];
    let done = 0;
    const sample = () => {
      const s: Sample = {
        seconds: Math.round((Date.now() - started) / 1000),
        executions: done,
        rss: processes.map((p) => rssMb(p.child.pid)),
      };
      samples.push(s);
      const rss = s.rss.map((mb, i) => `${names[i]} ${mb.toFixed(0)} MB`).join(', ');
      process.stderr.write(
        `soak ${s.seconds} s: ${rss}; ${s.executions} executions; load ${loadavg()[0].toFixed(1)}\n`,
      );
    };
    sample();
    const clock = setInterval(sample, every * 1000);
    try {
      // Bounded load: a batch, then wait until it is done, so the queue never grows without limit.
      while (Date.now() - started < seconds * 1000) {
        const ids = await fire(main.url, BATCH, done);
        await drain(cluster, ids);
        done += ids.length;
      }
    } finally {
      clearInterval(clock);
    }
    sample();
    const elapsed = (Date.now() - started) / 1000;
    const steady = samples.filter((s) => s.seconds >= warmUp);
    const rows: BenchRow[] = [
      { name: `soak ${Math.round(elapsed)} s: executions`, value: done, unit: '' },
      { name: 'soak: executions/s', value: done / elapsed, unit: 'exec/s' },
      { name: 'soak: executions that did not succeed', value: await failed(cluster), unit: '' },
      { name: 'soak: machine load (1-min average) at the end', value: loadavg()[0], unit: '' },
    ];
    processes.forEach((p, i) => {
      const series = steady.map((s) => ({ x: s.seconds / 60, y: s.rss[i] }));
      const first = steady[0]?.rss[i] ?? 0;
      const last = steady.at(-1)?.rss[i] ?? 0;
      rows.push(
        { name: `soak: ${p.name} RSS after ${Math.round(warmUp)} s warm-up`, value: first, unit: 'MB' },
        { name: `soak: ${p.name} RSS at the end`, value: last, unit: 'MB' },
        { name: `soak: ${p.name} RSS slope after warm-up`, value: slope(series), unit: 'MB/min' },
      );
    });
    return rows;
  } finally {
    await cluster.dispose();
  }
}
