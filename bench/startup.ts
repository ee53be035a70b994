// Issue 3 start-up targets for `guixu start` from the production bundle
// (scripts/build.mjs): spawn → /healthz and spawn → first webhook answered on a
// migrated database (median of 5), idle RSS, and the same start from the
// TypeScript sources through tsx for comparison. On a shared machine wall times
// follow the load; the CPU the server used is the steadier number. Measures and
// prints only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Child, freePort, rssMb, spawnChild, waitFor } from './_server-tools.ts';
import type { BenchRow } from './run.ts';
import { webhookWorkflow } from '../packages/server/src/testing/sample-workflows.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
const BUNDLE = [join(root, 'dist/guixu.mjs'), 'start'];
const SOURCES = [join(root, 'packages/cli/bin/guixu.mjs'), 'start'];

const webhookDocument = webhookWorkflow('Startup bench', 'startup');

function start(args: string[], dataDir: string, port: number): Child {
  return spawnChild(args, {
    cwd: root,
    env: {
      GUIXU_DATA_DIR: dataDir,
      GUIXU_PORT: String(port),
      GUIXU_LOG_LEVEL: 'warn',
      ...(args === SOURCES ? { GUIXU_FROM_SOURCE: '1' } : {}),
    },
  });
}

async function call(url: string, init: { token?: string; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  return fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify(init.body ?? {}),
  });
}

async function json(response: Response, what: string): Promise<Record<string, unknown>> {
  const value: unknown = await response.json();
  if (!response.ok || typeof value !== 'object' || value === null)
    throw new Error(`${what}: ${response.status} ${JSON.stringify(value)}`);
  return Object.fromEntries(Object.entries(value));
}

/** Migrates a fresh data directory, creates the owner and an active webhook workflow. */
async function prepare(dataDir: string, port: number): Promise<void> {
  const base = `http://127.0.0.1:${port}`;
  const server = start(BUNDLE, dataDir, port);
  try {
    await waitFor(async () => (await fetch(`${base}/healthz`)).ok, 60_000, `the server (${server.output()})`);
    const session = await json(
      await call(`${base}/api/v1/setup/owner`, {
        body: { email: 'owner@example.com', password: 'correct horse battery 42', tokens: 'body' },
      }),
      'owner setup',
    );
    const token = typeof session.accessToken === 'string' ? session.accessToken : undefined;
    const created = await json(
      await call(`${base}/api/v1/workflows`, { token, body: webhookDocument }),
      'create workflow',
    );
    await json(
      await call(`${base}/api/v1/workflows/${String(created.id)}/activate`, { token }),
      'activate workflow',
    );
  } finally {
    await server.stop();
  }
}

const answers = (url: string, body?: unknown) => async () => {
  const response = body === undefined ? await fetch(url) : await call(url, { body });
  await response.arrayBuffer();
  return response.status === 200;
};

interface StartTimes {
  healthzMs: number;
  webhookMs: number;
  /** CPU (user + system) the server process had used when the first webhook was answered. */
  cpuMs: number;
}

/** CPU time of a process so far (Linux /proc, clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** One cold start: both probes poll from the moment of spawn. */
async function coldStart(args: string[], dataDir: string, port: number, keep = false) {
  const base = `http://127.0.0.1:${port}`;
  const spawnedAt = performance.now();
  const server = start(args, dataDir, port);
  const since = async (probe: () => Promise<boolean>, what: string) => {
    await waitFor(probe, 60_000, `${what} (${server.output()})`);
    return performance.now() - spawnedAt;
  };
  try {
    let cpu = Number.NaN;
    const [healthzMs, webhookMs] = await Promise.all([
      since(answers(`${base}/healthz`), '/healthz'),
      since(async () => {
        const answered = await answers(`${base}/webhook/startup`, { name: 'Ada' })();
        if (answered) cpu = cpuMs(server.process.pid);
        return answered;
      }, 'the first webhook answer'),
    ]);
    const times: StartTimes = { healthzMs, webhookMs, cpuMs: cpu };
    if (keep) return { times, server };
    await server.stop();
    return { times };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** RSS of a process and every descendant (the Code node's sandbox processes), in MB. */
function treeRssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process exited while we looked.
    }
  }
  let total = 0;
  const visit = (id: number) => {
    const rss = rssMb(id);
    if (!Number.isNaN(rss)) total += rss;
    for (const child of children.get(id) ?? []) visit(child);
  };
  visit(pid);
  return total;
}

export default async function startup(): Promise<BenchRow[]> {
  const buildStarted = performance.now();
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  const buildMs = performance.now() - buildStarted;
  const dataDir = mkdtempSync(join(tmpdir(), 'guixu-bench-startup-'));
  const port = await freePort();
  await prepare(dataDir, port);

  const bundled: StartTimes[] = [];
  for (let i = 0; i < RUNS - 1; i++) bundled.push((await coldStart(BUNDLE, dataDir, port)).times);
  const last = await coldStart(BUNDLE, dataDir, port, true);
  bundled.push(last.times);
  let idle = Number.NaN;
  let idleTree = Number.NaN;
  try {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    idle = rssMb(last.server?.process.pid);
    idleTree = treeRssMb(last.server?.process.pid);
  } finally {
    await last.server?.stop();
  }
  const fromSources = (await coldStart(SOURCES, dataDir, port)).times;

  return [
    { name: 'build (npm run build)', value: buildMs, unit: 'ms' },
    {
      name: `cold start, bundle: spawn → /healthz (median of ${RUNS})`,
      value: median(bundled.map((t) => t.healthzMs)),
      unit: 'ms',
    },
    {
      name: `cold start, bundle: spawn → first webhook answered (median of ${RUNS})`,
      value: median(bundled.map((t) => t.webhookMs)),
      unit: 'ms',
      target: '≤ 1,000 ms',
    },
    {
      name: 'CPU used by the server up to the first webhook answer (bundle, median)',
      value: median(bundled.map((t) => t.cpuMs)),
      unit: 'ms',
    },
    { name: 'idle RSS, bundle (server process)', value: idle, unit: 'MB', target: '≤ 150 MB' },
    { name: 'idle RSS, bundle (with Code sandbox processes)', value: idleTree, unit: 'MB' },
    {
      name: 'cold start from sources (tsx): first webhook answered',
      value: fromSources.webhookMs,
      unit: 'ms',
    },
    {
      name: 'cold start from sources (tsx): CPU up to the first webhook',
      value: fromSources.cpuMs,
      unit: 'ms',
    },
  ];
}
