import { testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import limit from './limit.node.ts';

const items = [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }];

describe('Limit', () => {
  it('keeps the first items by default', async () => {
    const result = await testNode(limit, { parameters: { maxItems: 2 }, items });
    expect(result.json[0]).toEqual([{ n: 1 }, { n: 2 }]);
    expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('keeps the last items', async () => {
    const result = await testNode(limit, { parameters: { maxItems: 3, keep: 'lastItems' }, items });
    expect(result.json[0]).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
    expect(result.outputs[0][0].pairedItem).toEqual({ item: 1 });
  });

  it('passes everything when there are fewer items than the limit', async () => {
    const result = await testNode(limit, { parameters: { maxItems: 10, keep: 'lastItems' }, items });
    expect(result.json[0]).toHaveLength(4);
  });

  it('defaults to one item', async () => {
    const result = await testNode(limit, { items });
    expect(result.json[0]).toEqual([{ n: 1 }]);
  });

  it('rejects a limit below one', async () => {
    const error = await testNodeError(limit, { parameters: { maxItems: 0 }, items });
    expect(error.code).toBe('PARAMETER_INVALID');
    expect(error.parameter).toBe('maxItems');
  });
});
