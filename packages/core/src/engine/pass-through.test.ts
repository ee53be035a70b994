import { describe, expect, it } from 'vitest';
import type { Item } from '../items.ts';
import { linkPassedThroughItems } from './pass-through.ts';

describe('linkPassedThroughItems', () => {
  it('links items returned unchanged to their position in this node input', () => {
    const a: Item = { json: { n: 1 }, pairedItem: { item: 0 } };
    const b: Item = { json: { n: 2 }, pairedItem: { item: 0 } };
    const c: Item = { json: { n: 3 }, pairedItem: { item: 0 } };
    const other: Item = { json: { x: 1 }, pairedItem: { item: 0 } };
    const made: Item = { json: { new: true }, pairedItem: { item: 1 } };
    const outputs = linkPassedThroughItems([[c, a], [made]], [[a, b, c], [other]]);
    expect(outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 2 }, { item: 0 }]);
    expect(outputs[1][0]).toBe(made);
    expect(linkPassedThroughItems([[other]], [[a], [other]])[0][0].pairedItem).toEqual({ item: 0, input: 1 });
    // The input items themselves are untouched (they belong to earlier run data).
    expect(c.pairedItem).toEqual({ item: 0 });
  });

  it('returns the same arrays when nothing passed through', () => {
    const outputs = [[{ json: {} }]];
    expect(linkPassedThroughItems(outputs, [[{ json: {} }]])).toBe(outputs);
  });
});
