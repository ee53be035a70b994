import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = import.meta.dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|vue)$/.test(entry.name) && !entry.name.includes('.test.') ? [path] : [];
  });
}

/** `import … from 'x'` and `import('x')`, with whether the import is type-only. */
function imports(text: string): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    out.push({ spec: m[3] ?? '', typeOnly: m[2] !== undefined });
  }
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g))
    out.push({ spec: m[1] ?? '', typeOnly: false });
  return out;
}

/**
 * DESIGN.md §2: the web app imports `@guixu/api` and browser-safe core
 * subpaths only (types from anywhere in core are free: they vanish in the
 * build). Never the server, the nodes or Node built-ins.
 */
describe('the web app’s dependency direction', () => {
  it('imports only @guixu/api, browser-safe @guixu/core subpaths and browser packages', () => {
    const offending: string[] = [];
    for (const file of sources(root)) {
      const name = relative(root, file);
      for (const { spec, typeOnly } of imports(readFileSync(file, 'utf8'))) {
        const bad =
          /^@guixu\/(server|nodes|interop|cli)(\/|$)/.test(spec) ||
          (spec === '@guixu/core' && !typeOnly) ||
          (/^@guixu\/core\//.test(spec) && !/^@guixu\/core\/(expression|workflow-schema)$/.test(spec)) ||
          spec.startsWith('node:') ||
          (spec.startsWith('.') && relative(root, join(file, '..', spec)).startsWith('..'));
        if (bad) offending.push(`${name}: ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('sees the imports it checks', () => {
    expect(
      imports(
        "import type { A } from '@guixu/core';\nimport { b } from '@guixu/api';\nconst c = () => import('./x.vue');",
      ),
    ).toEqual([
      { spec: '@guixu/core', typeOnly: true },
      { spec: '@guixu/api', typeOnly: false },
      { spec: './x.vue', typeOnly: false },
    ]);
  });
});
