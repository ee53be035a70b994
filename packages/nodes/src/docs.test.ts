import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderNodeDocs } from '../../../scripts/node-docs.ts';
import { builtinNodes } from './index.ts';

describe('docs/nodes.md', () => {
  it('is generated from the current node definitions (run `npm run docs`)', async () => {
    const expected = renderNodeDocs(await builtinNodes());
    const actual = readFileSync(resolve(import.meta.dirname, '../../../docs/nodes.md'), 'utf8');
    expect(actual).toBe(expected);
  });
});
