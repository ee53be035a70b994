import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

it('the file and format nodes load and run in a process with frozen intrinsics (as the server runs them)', () => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'hardened.child.ts')], {
    cwd: here,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(child.status, child.stderr).toBe(0);
  const out = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
  expect(out.thrown).toBeUndefined();
  expect(out.error).toBeUndefined();
  expect(out.status).toBe('success');
  expect(out.xlsx).toEqual({ a: 1, md: '**b**' });
  expect(out.markdown).toBe('**b**');
  expect(out.output).toEqual([{ data: '<t>b</t>' }]);
  expect(out.pdf).toBe('Hardened PDF');
}, 150_000);
