import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRegistries } from '../../../../scripts/generate-registries.mjs';
import { loadCommands } from '../main.ts';

const root = join(import.meta.dirname, '../../../..');
const path = 'packages/cli/src/commands/generated.ts';

describe('generated index of CLI commands', () => {
  it('matches the files in commands/ (else run `npm run generate`)', async () => {
    const fresh = (await generateRegistries()).find((f) => f.path === path);
    const onDisk = await readFile(join(root, path), 'utf8');
    expect(onDisk, `${path} is out of date: run \`npm run generate\``).toBe(fresh?.content);
  });

  it('loads the commands every indexed file exports', async () => {
    const paths = (await loadCommands()).map((c) => c.path.join(' '));
    expect(paths).toEqual(expect.arrayContaining(['start', 'db migrate', 'nodes list', 'workflow run']));
    expect(new Set(paths).size).toBe(paths.length);
  });
});
