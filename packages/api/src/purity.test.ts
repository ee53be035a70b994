import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** The contracts are shared with the browser: only zod, the pure core and relative files. */
const ALLOWED = /^(zod|@guixu\/core(\/(workflow-schema|expression))?|\.{1,2}\/.+)$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('@guixu/api dependencies', () => {
  it('imports nothing a browser cannot load', () => {
    const offending: string[] = [];
    for (const file of sources(here)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/g)) {
        if (!ALLOWED.test(match[1])) offending.push(`${file.slice(here.length + 1)}: ${match[1]}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
