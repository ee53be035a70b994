import { testNode } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import noOp from './no-op.node.ts';

describe('No Operation', () => {
  it('passes items through unchanged', async () => {
    const result = await testNode(noOp, { items: [{ a: 1 }, { a: 2 }] });
    expect(result.json).toEqual([[{ a: 1 }, { a: 2 }]]);
  });
});
