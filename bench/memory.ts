// (d) Peak memory of a workflow mapping 100,000 items through Set → Filter → Aggregate,
// measured in a fresh child process.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './run.ts';

export default async function memory(): Promise<BenchRow[]> {
  const here = dirname(fileURLToPath(import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, '_memory-child.ts'), '100000'], {
    cwd: join(here, '..'),
    encoding: 'utf8',
  });
  const result = JSON.parse(out) as { status: string; count: number; ms: number; maxRssMb: number };
  if (result.status !== 'success' || result.count !== 50_000) throw new Error(`unexpected run: ${out}`);
  return [
    {
      name: '100k items Set → Filter → Aggregate: peak RSS',
      value: result.maxRssMb,
      unit: 'MB',
      target: '< 300 MB',
    },
    { name: '100k items Set → Filter → Aggregate: wall time', value: result.ms, unit: 'ms' },
  ];
}
