import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRegistries } from '../../../../scripts/generate-registries.mjs';
import { builtinNodes } from '../index.ts';

const root = join(import.meta.dirname, '../../../..');
const path = 'packages/nodes/src/generated/builtin.ts';

describe('generated index of built-in nodes', () => {
  it('matches the *.node.ts and *.credentials.ts files on disk (else run `npm run generate`)', async () => {
    const fresh = (await generateRegistries()).find((f) => f.path === path);
    const onDisk = await readFile(join(root, path), 'utf8');
    expect(onDisk, `${path} is out of date: run \`npm run generate\``).toBe(fresh?.content);
  });

  it('registers a node from every indexed node file and every credential type', async () => {
    const { builtinCredentialFiles, builtinNodeFiles } = await import('./builtin.ts');
    const registry = await builtinNodes();
    for (const [file, mod] of Object.entries(builtinNodeFiles)) {
      const exported = Object.values(mod).filter(
        (v): v is { type: string } => typeof v === 'object' && v !== null && 'type' in v && 'run' in v,
      );
      expect(exported.length, file).toBeGreaterThan(0);
      for (const definition of exported) expect(registry.has(definition.type), file).toBe(true);
    }
    expect(Object.keys(builtinCredentialFiles)).toContain('credentials/http-basic-auth.credentials.ts');
    expect(registry.credentialType('httpBasicAuth')).toBeDefined();
  });
});
