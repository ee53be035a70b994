import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A fresh clone has no external corpus beside it, so no test of the default
 * suite may read it: only `*.corpus.test.ts` files (run by `npm run test:corpus`)
 * and the corpus helper reach for it. CI proves the same end to end by running
 * the default suite in a fresh clone with nothing beside it (.ci/run).
 */
const root = join(import.meta.dirname, '..', '..', '..');
const CORPUS_REFERENCE = /shared\/fixtures|GUIXU_FIXTURES|from '\.\/corpus\.ts'|interop\/test\/corpus\.ts/;

function testFiles(): string[] {
  const packages = join(root, 'packages');
  return readdirSync(packages).flatMap((pkg) =>
    ['src', 'test'].flatMap((dir) => {
      try {
        return readdirSync(join(packages, pkg, dir), { recursive: true, encoding: 'utf8' })
          .filter((file) => /\.(test|spec)\.ts$/.test(file) && !file.includes('node_modules'))
          .map((file) => join(packages, pkg, dir, file));
      } catch {
        return [];
      }
    }),
  );
}

describe('the default suite and the corpus', () => {
  it('no default-suite test reads the external corpus', () => {
    const files = testFiles();
    expect(files.length).toBeGreaterThan(50);
    const offenders = files
      .filter((file) => !file.endsWith('.corpus.test.ts') && file !== import.meta.filename)
      .filter((file) => CORPUS_REFERENCE.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  it('every corpus test is excluded from the default suite', async () => {
    const { default: config } = await import('../../../vitest.config.ts');
    // The node project (or the top level) excludes them; the corpus config includes only them.
    const excludes = JSON.stringify(config.test).match(/"exclude":\[[^\]]*\]/g) ?? [];
    expect(excludes.some((e) => e.includes('"**/*.corpus.test.ts"'))).toBe(true);
    expect(testFiles().filter((file) => file.endsWith('.corpus.test.ts')).length).toBeGreaterThan(0);
  });
});
