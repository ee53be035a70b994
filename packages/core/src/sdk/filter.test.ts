import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { toPlainError } from '../errors.ts';
import { checkParams } from './resolve.ts';
import {
  ConditionError,
  type FilterOperatorType,
  type FilterValue,
  evaluateConditions,
  filterParam,
  filterValueSchema,
} from './filter.ts';

interface Cond {
  left: unknown;
  right?: unknown;
  type: FilterOperatorType;
  op: string;
  rightType?: 'any' | 'number' | 'string';
}

function filter(conds: Cond[], options: FilterValue['options'] = {}, combinator: 'and' | 'or' = 'and') {
  return filterValueSchema.parse({
    options,
    combinator,
    conditions: conds.map((c) => ({
      leftValue: c.left,
      rightValue: c.right ?? '',
      operator: { type: c.type, operation: c.op, ...(c.rightType ? { rightType: c.rightType } : {}) },
    })),
  });
}

const where = { itemIndex: 0, node: 'If' };
const strict = (c: Cond) => evaluateConditions(filter([c], { typeValidation: 'strict' }), where);
const loose = (c: Cond, version = 3) =>
  evaluateConditions(filter([c], { typeValidation: 'loose', version }), where);

function failure(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConditionError);
    return toPlainError(error);
  }
  throw new Error('expected a ConditionError');
}

describe('evaluateConditions: string', () => {
  const cases: [string, unknown, unknown, boolean][] = [
    ['equals', 'abc', 'abc', true],
    ['equals', 'abc', 'ABC', false],
    ['notEquals', 'abc', 'abd', true],
    ['contains', 'hello world', 'lo w', true],
    ['notContains', 'hello', 'x', true],
    ['startsWith', 'hello', 'he', true],
    ['notStartsWith', 'hello', 'he', false],
    ['endsWith', 'hello', 'llo', true],
    ['notEndsWith', 'hello', 'llo', false],
    ['regex', 'order-123', '^order-\\d+$', true],
    ['regex', 'ORDER-1', '/^order-\\d$/i', true],
    ['notRegex', 'abc', '\\d', true],
    ['empty', '', '', true],
    ['notEmpty', 'x', '', true],
    ['exists', 'x', '', true],
    ['exists', null, '', false],
    ['notExists', undefined, '', true],
  ];
  it.each(cases)('%s(%j, %j) is %s', (op, left, right, expected) => {
    expect(strict({ left, right, type: 'string', op })).toBe(expected);
  });

  it('ignores case when caseSensitive is false, regexes included', () => {
    const value = filter([{ left: 'Hello', right: 'hello', type: 'string', op: 'equals' }], {
      caseSensitive: false,
    });
    expect(evaluateConditions(value, where)).toBe(true);
    const regex = filter([{ left: 'HELLO', right: '^hel', type: 'string', op: 'regex' }], {
      caseSensitive: false,
    });
    expect(evaluateConditions(regex, where)).toBe(true);
  });

  it('lets node-level settings override the stored options', () => {
    const value = filter([{ left: 'A', right: 'a', type: 'string', op: 'equals' }], { caseSensitive: true });
    expect(evaluateConditions(value, { ...where, caseSensitive: false })).toBe(true);
  });

  it('rejects a number in strict mode with an n8n-like message', () => {
    const error = failure(() => strict({ left: 5, right: '5', type: 'string', op: 'equals' }));
    expect(error.code).toBe('CONDITION_WRONG_TYPE');
    expect(error.message).toBe(
      "Wrong type: '5' is a number but was expecting a string [condition 0, item 0]",
    );
    expect(error.node).toBe('If');
    expect(error.parameter).toBe('conditions.conditions[0].leftValue');
  });

  it('converts numbers and objects to text in loose mode', () => {
    expect(loose({ left: 5, right: '5', type: 'string', op: 'equals' })).toBe(true);
    expect(loose({ left: { a: 1 }, right: '"a"', type: 'string', op: 'contains' })).toBe(true);
  });

  it('reports an invalid regex clearly', () => {
    const error = failure(() => strict({ left: 'a', right: '([', type: 'string', op: 'regex' }));
    expect(error.code).toBe('CONDITION_INVALID_REGEX');
    expect(error.parameter).toBe('conditions.conditions[0].rightValue');
  });
});

describe('evaluateConditions: number', () => {
  const cases: [string, unknown, unknown, boolean][] = [
    ['equals', 5, 5, true],
    ['notEquals', 5, 6, true],
    ['gt', 6, 5, true],
    ['gt', 5, 5, false],
    ['lt', 4, 5, true],
    ['gte', 5, 5, true],
    ['lte', 6, 5, false],
    ['exists', 0, '', true],
    ['exists', Number.NaN, '', false],
    ['notExists', null, '', true],
    ['empty', null, '', true],
    ['notEmpty', 3, '', true],
  ];
  it.each(cases)('%s(%j, %j) is %s', (op, left, right, expected) => {
    expect(strict({ left, right, type: 'number', op })).toBe(expected);
  });

  it("names the item and condition: Wrong type: '5' is a string but was expecting a number", () => {
    const value = filter(
      [
        { left: 1, right: 1, type: 'number', op: 'equals' },
        { left: '5', right: 5, type: 'number', op: 'equals' },
      ],
      { typeValidation: 'strict' },
    );
    const error = failure(() => evaluateConditions(value, { itemIndex: 3, node: 'If' }));
    expect(error.message).toBe(
      "Wrong type: '5' is a string but was expecting a number [condition 1, item 3]",
    );
    expect(error.description).toContain('.toNumber()');
  });

  it('converts strings in loose mode and treats an empty string as no number (version 3)', () => {
    expect(loose({ left: '10', right: '9.5', type: 'number', op: 'gt' })).toBe(true);
    expect(loose({ left: '', right: '', type: 'number', op: 'empty' })).toBe(true);
    expect(loose({ left: '', right: 0, type: 'number', op: 'equals' }, 1)).toBe(true);
  });

  it('fails loose conversion of text that is no number', () => {
    const error = failure(() => loose({ left: 'abc', right: 1, type: 'number', op: 'equals' }));
    expect(error.message).toBe(
      "Conversion error: the string 'abc' can't be converted to a number [condition 0, item 0]",
    );
  });
});

describe('evaluateConditions: boolean', () => {
  it('evaluates true/false/equals/notEquals', () => {
    expect(strict({ left: true, type: 'boolean', op: 'true' })).toBe(true);
    expect(strict({ left: false, type: 'boolean', op: 'false' })).toBe(true);
    expect(strict({ left: true, right: true, type: 'boolean', op: 'equals' })).toBe(true);
    expect(strict({ left: true, right: false, type: 'boolean', op: 'notEquals' })).toBe(true);
  });

  it('rejects "true" in strict mode and parses it in loose mode (version 2+)', () => {
    expect(failure(() => strict({ left: 'true', type: 'boolean', op: 'true' })).message).toContain(
      "'true' is a string but was expecting a boolean",
    );
    expect(loose({ left: 'false', type: 'boolean', op: 'false' })).toBe(true);
    expect(loose({ left: 0, type: 'boolean', op: 'false' })).toBe(true);
    // n8n filter version 1 used plain JavaScript truthiness.
    expect(loose({ left: 'false', type: 'boolean', op: 'true' }, 1)).toBe(true);
  });
});

describe('evaluateConditions: dateTime', () => {
  const cases: [string, unknown, unknown, boolean][] = [
    ['equals', '2024-01-01T00:00:00Z', '2024-01-01T01:00:00+01:00', true],
    ['notEquals', '2024-01-01', '2024-01-02', true],
    ['after', '2024-01-02', '2024-01-01', true],
    ['before', '2024-01-02', '2024-01-01', false],
    ['afterOrEquals', '2024-01-01', '2024-01-01', true],
    ['beforeOrEquals', 'Mon, 01 Jan 2024 00:00:00 GMT', '2024-01-02', true],
    ['after', '2024-01-01 10:00:00', '2024-01-01 09:00:00', true],
  ];
  it.each(cases)('%s(%j, %j) is %s', (op, left, right, expected) => {
    expect(strict({ left, right, type: 'dateTime', op })).toBe(expected);
  });

  it('accepts Luxon DateTime and Date values from expressions', () => {
    const now = DateTime.fromISO('2024-05-01T12:00:00Z');
    expect(strict({ left: now, right: new Date('2024-04-01'), type: 'dateTime', op: 'after' })).toBe(true);
  });

  it('rejects text that is no date', () => {
    const error = failure(() => strict({ left: 'soon', right: '2024-01-01', type: 'dateTime', op: 'after' }));
    expect(error.message).toContain("'soon' is a string but was expecting a dateTime");
  });
});

describe('evaluateConditions: array and object', () => {
  const cases: [string, unknown, unknown, boolean][] = [
    ['contains', ['a', 'b'], 'b', true],
    ['notContains', ['a', 'b'], 'c', true],
    ['contains', [1, 2], 2, true],
    ['lengthEquals', [1, 2], 2, true],
    ['lengthNotEquals', [1, 2], 3, true],
    ['lengthGt', [1, 2], 1, true],
    ['lengthLt', [1, 2], 2, false],
    ['lengthGte', [1, 2], 2, true],
    ['lengthLte', [1, 2], 1, false],
    ['empty', [], '', true],
    ['notEmpty', [1], '', true],
  ];
  it.each(cases)('%s(%j, %j) is %s', (op, left, right, expected) => {
    expect(strict({ left, right, type: 'array', op })).toBe(expected);
  });

  it('compares array entries ignoring case when asked', () => {
    const value = filter(
      [{ left: ['Alpha'], right: 'alpha', type: 'array', op: 'contains', rightType: 'any' }],
      {
        caseSensitive: false,
      },
    );
    expect(evaluateConditions(value, where)).toBe(true);
  });

  it('parses JSON arrays in loose mode only', () => {
    expect(loose({ left: '["x"]', right: 'x', type: 'array', op: 'contains' })).toBe(true);
    expect(
      failure(() => strict({ left: '["x"]', right: 'x', type: 'array', op: 'contains' })).message,
    ).toContain('was expecting an array');
  });

  it('evaluates object emptiness and existence', () => {
    expect(strict({ left: {}, type: 'object', op: 'empty' })).toBe(true);
    expect(strict({ left: { a: 1 }, type: 'object', op: 'notEmpty' })).toBe(true);
    expect(strict({ left: { a: 1 }, type: 'object', op: 'exists' })).toBe(true);
    expect(strict({ left: undefined, type: 'object', op: 'notExists' })).toBe(true);
    expect(failure(() => strict({ left: [1], type: 'object', op: 'empty' })).message).toContain(
      'is an array but was expecting an object',
    );
  });
});

describe('combinators and the parameter', () => {
  it('joins with and / or; no conditions pass with and, fail with or', () => {
    const conds: Cond[] = [
      { left: 'a', right: 'a', type: 'string', op: 'equals' },
      { left: 'a', right: 'b', type: 'string', op: 'equals' },
    ];
    expect(evaluateConditions(filter(conds, {}, 'and'), where)).toBe(false);
    expect(evaluateConditions(filter(conds, {}, 'or'), where)).toBe(true);
    expect(evaluateConditions(filter([], {}, 'and'), where)).toBe(true);
    expect(evaluateConditions(filter([], {}, 'or'), where)).toBe(false);
  });

  it('stops at the first deciding condition (a later type error is not reached)', () => {
    const conds: Cond[] = [
      { left: 'a', right: 'b', type: 'string', op: 'equals' },
      { left: 'x', right: 1, type: 'number', op: 'equals' },
    ];
    expect(evaluateConditions(filter(conds, { typeValidation: 'strict' }), where)).toBe(false);
  });

  it('validates operations statically with a precise parameter path', () => {
    const shape = { conditions: filterParam({ label: 'Conditions' }) };
    const issues = checkParams(shape, {
      conditions: {
        combinator: 'and',
        conditions: [{ leftValue: 'a', rightValue: 'b', operator: { type: 'string', operation: 'gt' } }],
      },
    });
    expect(issues).toHaveLength(1);
    expect(issues[0].parameter).toBe('conditions.conditions.0.operator.operation');
    expect(issues[0].message).toContain('unknown operation "gt" for type string');
  });

  it('fills defaults for a partial value (n8n documents may omit options and combinator)', () => {
    const value = filterValueSchema.parse({
      conditions: [
        { leftValue: 'hot', rightValue: 'hot', operator: { type: 'string', operation: 'equals' } },
      ],
    });
    expect(value.combinator).toBe('and');
    expect(evaluateConditions(value, where)).toBe(true);
  });
});
