// (d) Peak memory of a workflow mapping 100,000 items through Set → Filter → Aggregate,
// measured the way a user runs it: `guixu workflow run` from the production bundle
// (what `npm start` builds), in a fresh process that reports its peak RSS at exit.
// BENCH_MEMORY_FROM_SOURCE=1 runs the engine directly from the sources through tsx.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryWorkflow } from './_memory-workflow.ts';
import type { BenchRow } from './run.ts';

const COUNT = 100_000;
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

function fromSource(): { maxRssMb: number; ms: number } {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(here, '_memory-child.ts'), String(COUNT)],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  const result = JSON.parse(out) as { status: string; count: number; ms: number; maxRssMb: number };
  if (result.status !== 'success' || result.count !== COUNT / 2) throw new Error(`unexpected run: ${out}`);
  return result;
}

function fromBundle(): { maxRssMb: number; ms: number } {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  const dir = mkdtempSync(join(tmpdir(), 'guixu-bench-memory-'));
  try {
    writeFileSync(join(dir, 'workflow.json'), JSON.stringify(memoryWorkflow()));
    const items = Array.from({ length: COUNT }, (_, n) => ({ n, name: `name-${n}` }));
    writeFileSync(join(dir, 'items.json'), JSON.stringify(items));
    const reporter = join(dir, 'report-rss.mjs');
    writeFileSync(
      reporter,
      "process.on('exit', () => process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS + '\\n'));\n",
    );
    const args = [
      '--import',
      reporter,
      join(root, 'dist/guixu.mjs'),
      'workflow',
      'run',
      join(dir, 'workflow.json'),
      '--input',
      `@${join(dir, 'items.json')}`,
      '--json',
    ];
    const started = performance.now();
    const run = spawnSync(process.execPath, args, {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, GUIXU_DATA_DIR: dir },
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = performance.now() - started;
    const doc = JSON.parse(run.stdout) as { status: string; items: { double?: unknown[] }[] };
    if (doc.status !== 'success' || doc.items[0]?.double?.length !== COUNT / 2) {
      throw new Error(`unexpected run: ${run.stdout.slice(0, 300)} ${run.stderr.slice(0, 300)}`);
    }
    const kb = Number(/MAXRSS (\d+)/.exec(run.stderr)?.[1]);
    return { maxRssMb: kb / 1024, ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function memory(): Promise<BenchRow[]> {
  const source = process.env.BENCH_MEMORY_FROM_SOURCE === '1';
  const { maxRssMb, ms } = source ? fromSource() : fromBundle();
  const how = source ? 'engine from sources' : 'guixu workflow run, bundle';
  return [
    {
      name: `100k items Set → Filter → Aggregate (${how}): peak RSS`,
      value: maxRssMb,
      unit: 'MB',
      target: '< 300 MB',
    },
    { name: `100k items Set → Filter → Aggregate (${how}): wall time`, value: ms, unit: 'ms' },
  ];
}
