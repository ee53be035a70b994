// `npm run bench`: runs every bench/*.ts module (or those named on the command
// line) and prints one table. Benchmarks measure and print; they never assert.
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(here))
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const rows: (BenchRow & { suite: string })[] = [];
for (const file of files) {
  const suite = file.replace(/\.ts$/, '');
  process.stderr.write(`bench: ${suite}…\n`);
  const mod: { default?: () => Promise<BenchRow[]> } = await import(pathToFileURL(join(here, file)).href);
  if (typeof mod.default !== 'function') continue;
  try {
    for (const row of await mod.default()) rows.push({ suite, ...row });
  } catch (error) {
    process.stderr.write(`bench ${suite} failed: ${(error as Error).stack}\n`);
    process.exitCode = 1;
  }
}

const fmt = (v: number) =>
  v >= 1000 ? Math.round(v).toLocaleString('en-US') : v >= 10 ? v.toFixed(1) : v.toFixed(3);
const table = rows.map((r) => [r.suite, r.name, `${fmt(r.value)} ${r.unit}`, r.target ?? '']);
const header = ['suite', 'measure', 'result', 'target'];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));
