import { testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import filter from './filter.node.ts';

const byStatus = (right: string, operation = 'equals') => ({
  options: { caseSensitive: true, typeValidation: 'strict', version: 3 },
  combinator: 'and',
  conditions: [{ leftValue: 'active', rightValue: right, operator: { type: 'string', operation } }],
});

describe('Filter', () => {
  it('keeps matching items and records the discarded ones as a second output (n8n)', async () => {
    const keep = await testNode(filter, {
      parameters: { conditions: byStatus('active') },
      items: [{ id: 1 }],
    });
    expect(keep.json).toEqual([[{ id: 1 }], []]);
    const drop = await testNode(filter, { parameters: { conditions: byStatus('gone') }, items: [{ id: 2 }] });
    expect(drop.json).toEqual([[], [{ id: 2 }]]);
    expect(drop.outputs[1][0].pairedItem).toEqual({ item: 0 });
  });

  it('joins conditions with or', async () => {
    const result = await testNode(filter, {
      parameters: {
        conditions: {
          combinator: 'or',
          conditions: [
            { leftValue: 1, rightValue: 2, operator: { type: 'number', operation: 'equals' } },
            {
              leftValue: [1, 2],
              rightValue: 2,
              operator: { type: 'array', operation: 'lengthEquals', rightType: 'number' },
            },
          ],
        },
      },
      items: [{ id: 1 }],
    });
    expect(result.outputs[0]).toHaveLength(1);
  });

  it('fails on a type error, or discards the item when continuing on error', async () => {
    const conditions = {
      conditions: [{ leftValue: 'x', rightValue: 1, operator: { type: 'number', operation: 'gt' } }],
    };
    const error = await testNodeError(filter, { parameters: { conditions } });
    expect(error.message).toContain("Wrong type: 'x' is a string but was expecting a number");
    const result = await testNode(filter, { parameters: { conditions }, onError: 'continueRegularOutput' });
    expect(result.json).toEqual([[], [{}]]);
  });
});
