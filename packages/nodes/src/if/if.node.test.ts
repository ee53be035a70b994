import { testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import ifNode from './if.node.ts';

function conditions(leftValue: unknown, rightValue: unknown, type: string, operation: string, extra = {}) {
  return {
    options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 3, ...extra },
    combinator: 'and',
    conditions: [{ id: 'c1', leftValue, rightValue, operator: { type, operation } }],
  };
}

describe('If', () => {
  it('routes items to true and false and pairs them with their input', async () => {
    const result = await testNode(ifNode, {
      parameters: { conditions: conditions(5, 3, 'number', 'gt') },
      items: [{ a: 1 }, { json: { a: 2 }, pairedItem: { item: 7 } }],
    });
    expect(result.json).toEqual([[{ a: 1 }, { a: 2 }], []]);
    expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('sends failing items to the false output', async () => {
    const result = await testNode(ifNode, {
      parameters: { conditions: conditions('abc', 'x', 'string', 'contains') },
      items: [{ a: 1 }],
    });
    expect(result.json).toEqual([[], [{ a: 1 }]]);
  });

  it("stops on a strict type error with n8n's message", async () => {
    const error = await testNodeError(ifNode, {
      parameters: { conditions: conditions('5', 3, 'number', 'gt') },
      items: [{ a: 1 }],
      name: 'Check',
    });
    expect(error.code).toBe('CONDITION_WRONG_TYPE');
    expect(error.message).toBe(
      "Wrong type: '5' is a string but was expecting a number [condition 0, item 0]",
    );
    expect(error.node).toBe('Check');
  });

  it('converts types when looseTypeValidation is on', async () => {
    const result = await testNode(ifNode, {
      parameters: { conditions: conditions('5', 3, 'number', 'gt'), looseTypeValidation: true },
    });
    expect(result.outputs[0]).toHaveLength(1);
  });

  it('reads an empty expression in looseTypeValidation as off (seen in imported n8n workflows)', async () => {
    const error = await testNodeError(ifNode, {
      parameters: { conditions: conditions('5', 3, 'number', 'gt'), looseTypeValidation: '=' },
    });
    expect(error.code).toBe('CONDITION_WRONG_TYPE');
  });

  it('honours options.ignoreCase over the stored caseSensitive', async () => {
    const result = await testNode(ifNode, {
      parameters: { conditions: conditions('ABC', 'abc', 'string', 'equals'), options: { ignoreCase: true } },
    });
    expect(result.outputs[0]).toHaveLength(1);
  });

  it('sends an item with a type error to the false output when continuing on error (n8n)', async () => {
    for (const onError of ['continueErrorOutput', 'continueRegularOutput'] as const) {
      const result = await testNode(ifNode, {
        parameters: { conditions: conditions('5', 3, 'number', 'gt') },
        items: [{ a: 1 }],
        onError,
      });
      expect(result.json).toEqual([[], [{ a: 1 }]]);
    }
  });

  it('rejects an unknown operation with a parameter error', async () => {
    const error = await testNodeError(ifNode, {
      parameters: { conditions: conditions('a', 'b', 'string', 'largerThan') },
    });
    expect(error.code).toBe('PARAMETER_INVALID');
    expect(error.message).toContain('unknown operation "largerThan"');
  });
});
