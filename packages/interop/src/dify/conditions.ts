import { type DifyContext, records, text } from './dify-mapping.ts';

/** Dify comparison operators → filter operators (string, number, array), or a boolean expression. */
const STRING_OPS: Record<string, { operation: string; singleValue?: boolean }> = {
  contains: { operation: 'contains' },
  'not contains': { operation: 'notContains' },
  'start with': { operation: 'startsWith' },
  'end with': { operation: 'endsWith' },
  is: { operation: 'equals' },
  'is not': { operation: 'notEquals' },
  empty: { operation: 'empty', singleValue: true },
  'not empty': { operation: 'notEmpty', singleValue: true },
};

const NUMBER_OPS: Record<string, string> = {
  '=': 'equals',
  '≠': 'notEquals',
  '>': 'gt',
  '<': 'lt',
  '≥': 'gte',
  '≤': 'lte',
};

export interface FilterCondition {
  id: string;
  leftValue: unknown;
  rightValue: unknown;
  operator: { type: string; operation: string; singleValue?: boolean };
}

function right(value: unknown, ctx: DifyContext): unknown {
  if (typeof value !== 'string') return value ?? '';
  return ctx.template(value);
}

function booleanCondition(id: string, expression: string): FilterCondition {
  return {
    id,
    leftValue: `={{ ${expression} }}`,
    rightValue: '',
    operator: { type: 'boolean', operation: 'true', singleValue: true },
  };
}

export function difyCondition(raw: Record<string, unknown>, ctx: DifyContext): FilterCondition {
  const id = text(raw.id, `${Math.random()}`);
  const read = ctx.read(raw.variable_selector);
  const op = text(raw.comparison_operator);
  const varType = text(raw.varType, 'string');
  const left = `={{ ${read} }}`;
  if (op in NUMBER_OPS) {
    return {
      id,
      leftValue: left,
      rightValue: right(raw.value, ctx),
      operator: { type: 'number', operation: NUMBER_OPS[op] },
    };
  }
  if (
    varType.startsWith('array') &&
    (op === 'contains' || op === 'not contains' || op === 'empty' || op === 'not empty')
  ) {
    const operation = {
      contains: 'contains',
      'not contains': 'notContains',
      empty: 'empty',
      'not empty': 'notEmpty',
    }[op];
    const singleValue = op === 'empty' || op === 'not empty';
    return {
      id,
      leftValue: left,
      rightValue: singleValue ? '' : right(raw.value, ctx),
      operator: {
        type: 'array',
        operation: operation ?? 'contains',
        ...(singleValue ? { singleValue } : {}),
      },
    };
  }
  const stringOp = STRING_OPS[op];
  if (stringOp) {
    return {
      id,
      leftValue: left,
      rightValue: stringOp.singleValue ? '' : right(raw.value, ctx),
      operator: {
        type: 'string',
        operation: stringOp.operation,
        ...(stringOp.singleValue ? { singleValue: true } : {}),
      },
    };
  }
  const values = JSON.stringify(raw.value ?? null);
  switch (op) {
    case 'null':
      return booleanCondition(id, `${read} == null`);
    case 'not null':
      return booleanCondition(id, `${read} != null`);
    case 'exists':
      return booleanCondition(id, `${read} !== undefined`);
    case 'not exists':
      return booleanCondition(id, `${read} === undefined`);
    case 'in':
      return booleanCondition(id, `[].concat(${values}).includes(${read})`);
    case 'not in':
      return booleanCondition(id, `![].concat(${values}).includes(${read})`);
    case 'all of':
      return booleanCondition(id, `[].concat(${values}).every((v) => [].concat(${read} ?? []).includes(v))`);
    default:
      throw new Error(`the comparison "${op}" has no equivalent yet`);
  }
}

export interface DifyCase {
  id: string;
  conditions: FilterCondition[];
  combinator: 'and' | 'or';
}

/** `cases` (DSL ≥ 0.1.3) or the older top-level `conditions` + `logical_operator` (handle "true"). */
export function difyCases(data: Record<string, unknown>, ctx: DifyContext): DifyCase[] {
  const rawCases = Array.isArray(data.cases)
    ? records(data.cases)
    : [{ case_id: 'true', conditions: data.conditions, logical_operator: data.logical_operator }];
  return rawCases.map((c) => ({
    id: text(c.case_id ?? c.id, 'true'),
    conditions: records(c.conditions).map((raw) => difyCondition(raw, ctx)),
    combinator: c.logical_operator === 'or' ? 'or' : 'and',
  }));
}

export function filterValue(c: DifyCase) {
  return {
    options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
    conditions: c.conditions,
    combinator: c.combinator,
  };
}
