import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRegistries } from '../../../../scripts/generate-registries.mjs';
import { discoverFeatures } from './index.ts';

const root = join(import.meta.dirname, '../../../..');
const path = 'packages/server/src/features/generated.ts';

describe('generated index of server features', () => {
  it('matches the features/<name>/plugin.ts files on disk (else run `npm run generate`)', async () => {
    const fresh = (await generateRegistries()).find((f) => f.path === path);
    const onDisk = await readFile(join(root, path), 'utf8');
    expect(onDisk, `${path} is out of date: run \`npm run generate\``).toBe(fresh?.content);
  });

  it('discovers one feature per folder with a plugin.ts', async () => {
    const folders: string[] = [];
    for (const entry of await readdir(import.meta.dirname, { withFileTypes: true })) {
      if (entry.isDirectory() && (await readdir(join(entry.parentPath, entry.name))).includes('plugin.ts'))
        folders.push(entry.name);
    }
    const features = await discoverFeatures();
    expect(features.length).toBe(folders.length);
    expect(features.map((f) => f.name)).toContain('workflows');
  });
});
