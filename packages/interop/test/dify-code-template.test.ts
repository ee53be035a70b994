import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { outputsOf, runDifyApp } from './dify-run.ts';

/**
 * Dify apps with Python code nodes and Jinja2 template nodes import without placeholders
 * and run: Python in the Code node's Pyodide, the template through `$jinja`, both in the
 * Code node's sandbox. The app is a fixture of this repository (test/fixtures/dify).
 */
const registry = await builtinNodes();
const fixture = (file: string) => readFileSync(join(import.meta.dirname, 'fixtures', 'dify', file), 'utf8');

describe('Dify Python code and Jinja2 template nodes', { timeout: 120_000 }, () => {
  it('a Python main(**inputs) feeds a Jinja2 loop, and End keeps an object output', async () => {
    const state = await runDifyApp(registry, fixture('python-jinja-report.yml'), {
      text: "The cat and the dog and the bird. The end isn't near.",
      top: 2,
    });
    expect(outputsOf(state, 'Count words')).toEqual([
      {
        total: 12,
        common: [
          { word: 'the', n: 4 },
          { word: 'and', n: 2 },
        ],
        stats: { unique: 8 },
      },
    ]);
    expect(outputsOf(state, 'End')).toEqual([
      { report: '12 words, most common: THE (4), AND (2)', stats: { unique: 8 } },
    ]);
  });
});
