import { portsOf, testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import switchNode from './switch.node.ts';

const rule = (left: unknown, right: unknown, outputKey = '') => ({
  conditions: {
    options: { caseSensitive: true, typeValidation: 'strict', version: 3 },
    combinator: 'and',
    conditions: [{ leftValue: left, rightValue: right, operator: { type: 'string', operation: 'equals' } }],
  },
  renameOutput: outputKey !== '',
  outputKey,
});

describe('Switch', () => {
  it('routes to the first matching rule by default', async () => {
    const result = await testNode(switchNode, {
      parameters: { rules: { values: [rule('a', 'b'), rule('a', 'a'), rule('a', 'a')] } },
      items: [{ id: 1 }],
    });
    expect(result.json).toEqual([[], [{ id: 1 }], []]);
  });

  it('routes to every matching rule with allMatchingOutputs', async () => {
    const result = await testNode(switchNode, {
      parameters: {
        rules: { values: [rule('a', 'a'), rule('a', 'b'), rule('a', 'a')] },
        options: { allMatchingOutputs: true },
      },
      items: [{ id: 1 }],
    });
    expect(result.json).toEqual([[{ id: 1 }], [], [{ id: 1 }]]);
  });

  it('drops unmatched items, or sends them to the extra output or a rule output', async () => {
    const values = [rule('a', 'b'), rule('a', 'c')];
    const none = await testNode(switchNode, { parameters: { rules: { values } }, items: [{ id: 1 }] });
    expect(none.json).toEqual([[], []]);
    const extra = await testNode(switchNode, {
      parameters: { rules: { values }, options: { fallbackOutput: 'extra' } },
      items: [{ id: 1 }],
    });
    expect(extra.json).toEqual([[], [], [{ id: 1 }]]);
    const toRule = await testNode(switchNode, {
      parameters: { rules: { values }, options: { fallbackOutput: 1 } },
      items: [{ id: 1 }],
    });
    expect(toRule.json).toEqual([[], [{ id: 1 }]]);
  });

  it('derives output ports and their names from the parameters', () => {
    const params = {
      rules: { values: [rule('a', 'a', 'pdf'), rule('a', 'b')] },
      options: { fallbackOutput: 'extra', renameFallbackOutput: 'Other' },
    };
    expect(portsOf(switchNode, 'outputs', params).map((port) => port.displayName)).toEqual([
      'pdf',
      '1',
      'Other',
    ]);
    expect(portsOf(switchNode, 'outputs', { mode: 'expression', numberOutputs: 3 })).toHaveLength(3);
  });

  it('routes by output index in expression mode and rejects an index out of range', async () => {
    const result = await testNode(switchNode, {
      parameters: { mode: 'expression', numberOutputs: 3, output: 2 },
      items: [{ id: 1 }],
    });
    expect(result.json).toEqual([[], [], [{ id: 1 }]]);
    const error = await testNodeError(switchNode, {
      parameters: { mode: 'expression', numberOutputs: 2, output: 2 },
    });
    expect(error.message).toBe('The output 2 is not allowed (item 0)');
    expect(error.description).toContain('start at 0');
  });

  it('names the rule in type errors and outputs { error } on output 0 when continuing', async () => {
    const bad = {
      ...rule('x', 'y'),
      conditions: {
        conditions: [{ leftValue: 'x', rightValue: 1, operator: { type: 'number', operation: 'gt' } }],
      },
    };
    const parameters = { rules: { values: [rule('a', 'b'), bad] } };
    const error = await testNodeError(switchNode, { parameters });
    expect(error.parameter).toBe('rules.values[1].conditions.conditions[0].leftValue');
    const result = await testNode(switchNode, { parameters, onError: 'continueRegularOutput' });
    expect(result.json[0][0].error).toContain('Wrong type');
  });
});
