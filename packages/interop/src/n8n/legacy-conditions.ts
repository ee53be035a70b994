import { entries, newId, record } from './mapping.ts';

/** The value of n8n's "filter" parameter type (IF v2, Filter v2, Switch v3). */
export interface FilterValue {
  options: { caseSensitive: boolean; leftValue: string; typeValidation: 'strict' | 'loose' };
  conditions: FilterCondition[];
  combinator: 'and' | 'or';
}

export interface FilterCondition {
  id: string;
  leftValue: unknown;
  rightValue: unknown;
  operator: { type: string; operation: string; singleValue?: boolean };
}

export type LegacyType = 'boolean' | 'dateTime' | 'number' | 'string';

/** Operation names of IF v1 / Filter v1 / Switch v1–2 → filter operators. */
const OPERATIONS: Record<LegacyType, Record<string, { operation: string; singleValue?: boolean }>> = {
  boolean: { equal: { operation: 'equals' }, notEqual: { operation: 'notEquals' } },
  dateTime: { after: { operation: 'after' }, before: { operation: 'before' } },
  number: {
    equal: { operation: 'equals' },
    notEqual: { operation: 'notEquals' },
    smaller: { operation: 'lt' },
    smallerEqual: { operation: 'lte' },
    larger: { operation: 'gt' },
    largerEqual: { operation: 'gte' },
    isEmpty: { operation: 'notExists', singleValue: true },
    isNotEmpty: { operation: 'exists', singleValue: true },
  },
  string: {
    equal: { operation: 'equals' },
    notEqual: { operation: 'notEquals' },
    contains: { operation: 'contains' },
    notContains: { operation: 'notContains' },
    startsWith: { operation: 'startsWith' },
    notStartsWith: { operation: 'notStartsWith' },
    endsWith: { operation: 'endsWith' },
    notEndsWith: { operation: 'notEndsWith' },
    regex: { operation: 'regex' },
    notRegex: { operation: 'notRegex' },
    isEmpty: { operation: 'empty', singleValue: true },
    isNotEmpty: { operation: 'notEmpty', singleValue: true },
  },
};

/** Defaults of the legacy condition fields, per type (IF v1). */
const DEFAULTS: Record<LegacyType, { operation: string; value: unknown }> = {
  boolean: { operation: 'equal', value: false },
  dateTime: { operation: 'after', value: '' },
  number: { operation: 'smaller', value: 0 },
  string: { operation: 'equal', value: '' },
};

export const LEGACY_TYPES: readonly LegacyType[] = ['boolean', 'dateTime', 'number', 'string'];

export function isLegacyType(value: unknown): value is LegacyType {
  return typeof value === 'string' && (LEGACY_TYPES as readonly string[]).includes(value);
}

/** One legacy comparison as a filter condition; throws when the operation is unknown. */
export function legacyCondition(
  type: LegacyType,
  value1: unknown,
  operationName: unknown,
  value2: unknown,
  defaultOperation = DEFAULTS[type].operation,
): FilterCondition {
  // Old exports sometimes store operations as expressions ("=equal").
  const name = typeof operationName === 'string' ? operationName.replace(/^=/, '') : defaultOperation;
  const op = OPERATIONS[type][name];
  if (!op) throw new Error(`the ${type} comparison "${name}" has no equivalent`);
  const condition: FilterCondition = {
    id: newId(),
    leftValue: value1 ?? DEFAULTS[type].value,
    rightValue: op.singleValue ? '' : (value2 ?? DEFAULTS[type].value),
    operator: { type, operation: op.operation },
  };
  if (op.singleValue) condition.operator.singleValue = true;
  return condition;
}

/**
 * IF v1 / Filter v1 `conditions: { boolean: [...], dateTime: [...], number: [...], string: [...] }`
 * become one filter value; v1 compared loosely and case-sensitively, in this type order.
 */
export function legacyConditions(conditions: unknown, combineOperation: unknown): FilterValue {
  const groups = record(conditions);
  const out: FilterCondition[] = [];
  for (const type of LEGACY_TYPES) {
    for (const entry of entries(groups, type)) {
      out.push(legacyCondition(type, entry.value1, entry.operation, entry.value2));
    }
  }
  return {
    options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
    conditions: out,
    combinator: combineOperation === 'any' ? 'or' : 'and',
  };
}
