import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The core is pure (STYLE.md): no I/O, no framework, no database driver.
// Only these packages may be imported from non-test core sources.
const ALLOWED = new Set(['zod', 'luxon', 'jmespath', 'acorn', '@noble/hashes', 're2js']);

const root = dirname(fileURLToPath(import.meta.url));

function sources(): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter(
      (e) =>
        e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.includes('.bench.'),
    )
    .map((e) => join(e.parentPath, e.name));
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]/g;

describe('packages/core purity', () => {
  it('imports no Node built-in, framework or driver', () => {
    const problems: string[] = [];
    for (const file of sources()) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(IMPORT)) {
        const spec = match[1] ?? match[2] ?? match[3];
        if (spec.startsWith('.')) continue;
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        const builtin = spec.startsWith('node:') || builtinModules.includes(pkg);
        if (builtin || !ALLOWED.has(pkg)) problems.push(`${relative(root, file)} imports "${spec}"`);
      }
    }
    expect(problems).toEqual([]);
  });
});
