// Issue 3 targets: an active Webhook → Set → respond-with-last-node workflow on
// the real server (child process, embedded SQLite), measured with wrk on
// loopback at c=50: saved in full, saved on errors only, against a bare
// Fastify route; idle/after-load RSS; cold start on a migrated database.
// BENCH_SERVER_ROOT runs the server from another checkout (side-by-side
// comparisons on a noisy machine); BENCH_SERVER_CPU_PROF=<dir> writes the
// server child's CPU profile there.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { api, signInAsOwner } from '../packages/server/src/runner/child-server.ts';
import { webhookWorkflow } from '../packages/server/src/testing/sample-workflows.ts';
import { cpuMs, freePort, rssMb, spawnChild, waitFor, wrk } from './_server-tools.ts';
import type { BenchRow } from './run.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 10);
const CONNECTIONS = 50;
const BODY = '{"name":"Ada"}';
const SERVER_ROOT = process.env.BENCH_SERVER_ROOT ?? root;
const CPU_PROF = process.env.BENCH_SERVER_CPU_PROF;

function ensureWrk(): void {
  try {
    execFileSync('sh', [join(root, 'scripts/install-wrk.sh')], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const detail = error instanceof Error && 'stderr' in error ? String(error.stderr).trim() : String(error);
    throw new Error(
      `bench/server needs wrk (Debian package "wrk"); scripts/install-wrk.sh could not install it: ${detail}`,
    );
  }
}

function workflow(path: string, saveDataPolicy: 'all' | 'errors') {
  const document = webhookWorkflow(`Bench ${path}`, path);
  return { ...document, settings: { ...document.settings, saveDataPolicy } };
}

async function createActiveWorkflow(base: string, document: unknown): Promise<void> {
  const created = await api('POST', `${base}/api/v1/workflows`, document);
  const id =
    typeof created.body === 'object' && created.body !== null && 'id' in created.body ? created.body.id : '';
  if (created.status >= 300)
    throw new Error(`create workflow: ${created.status} ${JSON.stringify(created.body)}`);
  const activated = await api('POST', `${base}/api/v1/workflows/${String(id)}/activate`, {});
  if (activated.status >= 300)
    throw new Error(`activate: ${activated.status} ${JSON.stringify(activated.body)}`);
}

/** The production bundle (`npm start` runs it), built once; BENCH_SERVER_FROM_SOURCE=1 runs the sources through tsx. */
let bundleBuilt = false;
function serverEntry(): string[] {
  if (process.env.BENCH_SERVER_FROM_SOURCE === '1') {
    return ['--import', 'tsx', join(SERVER_ROOT, 'packages/server/src/main.ts')];
  }
  if (!bundleBuilt) {
    execFileSync(process.execPath, [join(SERVER_ROOT, 'scripts/build.mjs'), '--quiet'], {
      cwd: SERVER_ROOT,
      stdio: 'inherit',
    });
    bundleBuilt = true;
  }
  return [join(SERVER_ROOT, 'dist/guixu.mjs'), 'start'];
}

async function startGuixu(dataDir: string, port: number) {
  const profile = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [];
  const child = spawnChild([...profile, ...serverEntry()], {
    cwd: SERVER_ROOT,
    env: { GUIXU_DATA_DIR: dataDir, GUIXU_PORT: String(port), GUIXU_LOG_LEVEL: 'warn' },
  });
  return child;
}

const answered = (url: string) => async () => {
  const response = await fetch(url, {
    method: 'POST',
    body: BODY,
    headers: { 'content-type': 'application/json' },
  });
  await response.arrayBuffer();
  return response.status === 200;
};

export default async function server(): Promise<BenchRow[]> {
  ensureWrk();
  const dataDir = mkdtempSync(join(tmpdir(), 'guixu-bench-server-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const rows: BenchRow[] = [];

  let guixu = await startGuixu(dataDir, port);
  try {
    await waitFor(async () => (await fetch(`${base}/readyz`)).ok, 60_000, `the server (${guixu.output()})`);
    await signInAsOwner(base);
    for (const [path, policy] of [
      ['bench', 'all'],
      ['bench-errors', 'errors'],
    ] as const) {
      await createActiveWorkflow(base, workflow(path, policy));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    rows.push({ name: 'idle RSS', value: rssMb(guixu.process.pid), unit: 'MB', target: '≤ 150 MB' });

    // Warm up (JIT, caches) before measuring.
    await wrk(`${base}/webhook/bench`, { connections: CONNECTIONS, seconds: 2, body: BODY, dir: dataDir });
    let cpuBefore = cpuMs(guixu.process.pid);
    const full = await wrk(`${base}/webhook/bench`, {
      connections: CONNECTIONS,
      seconds: SECONDS,
      body: BODY,
      dir: dataDir,
    });
    const fullCpu = (cpuMs(guixu.process.pid) - cpuBefore) / full.requests;
    rows.push(
      {
        name: 'webhook → Set → respond, saved in full',
        value: full.requestsPerSecond,
        unit: 'req/s',
        target: '≥ 2,000',
      },
      { name: 'saved in full: p50 latency', value: full.p50Ms, unit: 'ms' },
      { name: 'saved in full: p99 latency', value: full.p99Ms, unit: 'ms', target: '≤ 50 ms' },
      { name: 'saved in full: errors', value: full.errors, unit: 'errors', target: '0' },
      { name: 'saved in full: server CPU per request', value: fullCpu, unit: 'ms' },
    );
    cpuBefore = cpuMs(guixu.process.pid);
    const errorsOnly = await wrk(`${base}/webhook/bench-errors`, {
      connections: CONNECTIONS,
      seconds: SECONDS,
      body: BODY,
      dir: dataDir,
    });
    const errorsOnlyCpu = (cpuMs(guixu.process.pid) - cpuBefore) / errorsOnly.requests;
    rows.push(
      {
        name: 'save policy "errors only"',
        value: errorsOnly.requestsPerSecond,
        unit: 'req/s',
        target: '≥ 5,000',
      },
      { name: '"errors only": p50 latency', value: errorsOnly.p50Ms, unit: 'ms' },
      { name: '"errors only": p99 latency', value: errorsOnly.p99Ms, unit: 'ms' },
      { name: '"errors only": errors', value: errorsOnly.errors, unit: 'errors', target: '0' },
      { name: '"errors only": server CPU per request', value: errorsOnlyCpu, unit: 'ms' },
    );
    rows.push({ name: 'RSS after load', value: rssMb(guixu.process.pid), unit: 'MB', target: '≤ 250 MB' });
  } finally {
    await guixu.stop();
  }

  const db = new Database(join(dataDir, 'guixu.sqlite'), { readonly: true });
  const saved = db.prepare("select count(*) as n from executions where mode = 'webhook'").get();
  db.close();
  const savedCount =
    typeof saved === 'object' && saved !== null && 'n' in saved ? Number(saved.n) : Number.NaN;
  rows.push({ name: 'executions saved (full run + warm-up)', value: savedCount, unit: 'rows' });

  // Cold start: spawn → first webhook answered, on the database migrated above.
  const spawnedAt = performance.now();
  guixu = await startGuixu(dataDir, port);
  try {
    await waitFor(answered(`${base}/webhook/bench`), 60_000, `the first webhook answer (${guixu.output()})`);
    rows.push({
      name: 'cold start (spawn → first webhook answered)',
      value: performance.now() - spawnedAt,
      unit: 'ms',
      target: '≤ 1,000 ms',
    });
  } finally {
    await guixu.stop();
  }

  const bare = spawnChild(['--import', 'tsx', join(here, '_server-bare.ts')], { cwd: root });
  try {
    await waitFor(async () => /http:\/\/\S+/.test(bare.output()), 30_000, 'the bare Fastify server');
    const url = `${/http:\/\/\S+/.exec(bare.output())?.[0]}/webhook/bench`;
    await wrk(url, { connections: CONNECTIONS, seconds: 2, body: BODY, dir: dataDir });
    const ceiling = await wrk(url, { connections: CONNECTIONS, seconds: SECONDS, body: BODY, dir: dataDir });
    rows.push({
      name: 'bare Fastify route, same transform (ceiling)',
      value: ceiling.requestsPerSecond,
      unit: 'req/s',
    });
    rows.push(
      { name: 'bare Fastify: p50 latency', value: ceiling.p50Ms, unit: 'ms' },
      { name: 'bare Fastify: p99 latency', value: ceiling.p99Ms, unit: 'ms' },
    );
    for (const [name, label] of [
      ['webhook → Set → respond, saved in full', 'saved in full / bare Fastify'],
      ['save policy "errors only"', '"errors only" / bare Fastify'],
    ]) {
      const row = rows.find((r) => r.name === name);
      if (row) rows.push({ name: label, value: (100 * row.value) / ceiling.requestsPerSecond, unit: '%' });
    }
  } finally {
    await bare.stop();
  }
  return rows;
}
