import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  ConditionError,
  type FilterValueType,
  parseSide,
  type Settings,
  type Where,
} from './filter-values.ts';
import { type Param, type ParamOptions, p } from './params.ts';

/**
 * n8n's "filter" parameter type (IF v2, Filter v2, Switch v3): a list of typed
 * conditions joined by and/or. Values arrive already resolved per item; this
 * module checks their types the way n8n does (strict, or loose with conversion)
 * and evaluates every n8n operation.
 */
export const FILTER_OPERATIONS = {
  string: [
    'exists',
    'notExists',
    'empty',
    'notEmpty',
    'equals',
    'notEquals',
    'contains',
    'notContains',
    'startsWith',
    'notStartsWith',
    'endsWith',
    'notEndsWith',
    'regex',
    'notRegex',
  ],
  number: ['exists', 'notExists', 'empty', 'notEmpty', 'equals', 'notEquals', 'gt', 'lt', 'gte', 'lte'],
  dateTime: [
    'exists',
    'notExists',
    'empty',
    'notEmpty',
    'equals',
    'notEquals',
    'after',
    'before',
    'afterOrEquals',
    'beforeOrEquals',
  ],
  boolean: ['exists', 'notExists', 'empty', 'notEmpty', 'true', 'false', 'equals', 'notEquals'],
  array: [
    'exists',
    'notExists',
    'empty',
    'notEmpty',
    'contains',
    'notContains',
    'lengthEquals',
    'lengthNotEquals',
    'lengthGt',
    'lengthLt',
    'lengthGte',
    'lengthLte',
  ],
  object: ['exists', 'notExists', 'empty', 'notEmpty'],
} as const;

export type FilterOperatorType = keyof typeof FILTER_OPERATIONS;
type ValueType = FilterValueType;
const VALUE_TYPES = ['string', 'number', 'boolean', 'dateTime', 'array', 'object', 'any'] as const;
/** Operations that only look at the left value. */
const SINGLE_VALUE = new Set(['exists', 'notExists', 'empty', 'notEmpty', 'true', 'false']);

const operatorSchema = z
  .object({
    type: z.enum(['string', 'number', 'boolean', 'dateTime', 'array', 'object']),
    operation: z.string(),
    singleValue: z.boolean().optional(),
    rightType: z.enum(VALUE_TYPES).optional(),
    name: z.string().optional(),
  })
  .passthrough()
  .superRefine((op, ctx) => {
    const known: readonly string[] = FILTER_OPERATIONS[op.type];
    if (!known.includes(op.operation)) {
      ctx.addIssue({
        code: 'custom',
        path: ['operation'],
        message: `has unknown operation "${op.operation}" for type ${op.type} (known: ${known.join(', ')})`,
      });
    }
  });

const conditionSchema = z
  .object({
    id: z.string().optional(),
    leftValue: z.unknown(),
    rightValue: z.unknown(),
    operator: operatorSchema,
  })
  .passthrough();

const optionsSchema = z
  .object({
    caseSensitive: z.boolean().optional(),
    leftValue: z.unknown().optional(),
    typeValidation: z.enum(['strict', 'loose']).optional(),
    /** n8n's filter version: 2 parses "false"/0 as false in loose mode, 3 treats '' as no number. */
    version: z.number().optional(),
  })
  .passthrough();

export const filterValueSchema = z.object({
  options: optionsSchema.default({}),
  conditions: z.array(conditionSchema).default([]),
  combinator: z.enum(['and', 'or']).default('and'),
});

export type FilterValue = z.infer<typeof filterValueSchema>;
export type FilterCondition = z.infer<typeof conditionSchema>;
export type FilterOptions = z.infer<typeof optionsSchema>;

export const DEFAULT_FILTER_OPTIONS = {
  caseSensitive: true,
  leftValue: '',
  typeValidation: 'strict',
  version: 3,
} as const;

export interface FilterParamOptions extends Omit<ParamOptions<FilterValue>, 'default'> {
  default?: FilterValue;
  /** Which combinators the editor offers. */
  allowedCombinators?: readonly ('and' | 'or')[];
  maxConditions?: number;
}

/** A "filter" parameter: conditions joined by and/or (the editor renders n8n's condition builder). */
export function filterParam(opts: FilterParamOptions): Param<FilterValue> {
  const param = p.custom<FilterValue>({
    ...opts,
    kind: 'filter',
    widget: 'filter',
    schema: filterValueSchema,
    default: opts.default ?? { options: { ...DEFAULT_FILTER_OPTIONS }, conditions: [], combinator: 'and' },
  });
  const typeOptions: Record<string, unknown> = {};
  if (opts.allowedCombinators) typeOptions.allowedCombinators = opts.allowedCombinators;
  if (opts.maxConditions !== undefined) typeOptions.maxConditions = opts.maxConditions;
  return Object.keys(typeOptions).length > 0 ? { ...param, typeOptions } : param;
}

export interface EvaluateConditionsOptions {
  itemIndex: number;
  /** Node name, for errors. */
  node: string;
  /** Parameter path, for errors (default `conditions`). */
  parameter?: string;
  /** Node-level settings that win over the value's own options (IF's `ignoreCase`, `looseTypeValidation`). */
  caseSensitive?: boolean;
  typeValidation?: 'strict' | 'loose';
}

/**
 * IF/Filter/Switch's "Convert types where required" toggle. Imported n8n
 * documents sometimes hold an empty expression ("=") here, which n8n reads as off.
 */
export function looseTypeValidationParam(): Param<boolean> {
  const schema = z.preprocess((value) => {
    if (value === '=' || value === '' || value === null) return false;
    if (value === 'true' || value === '=true') return true;
    if (value === 'false' || value === '=false') return false;
    return value;
  }, z.boolean());
  return p.custom<boolean>({
    kind: 'boolean',
    widget: 'toggle',
    label: 'Convert types where required',
    description:
      'Convert values to the type of the comparison when they differ (e.g. "false" or 0 becomes false for booleans).',
    schema,
    default: false,
  });
}

/**
 * Node-level settings of IF, Filter and Switch (`options.ignoreCase`,
 * `looseTypeValidation`) as overrides for `evaluateConditions`. n8n's editor
 * copies these into the filter value; here they win when set.
 */
export function conditionOverrides(settings: {
  ignoreCase?: boolean;
  looseTypeValidation?: boolean;
  optionsLooseTypeValidation?: boolean;
}): Pick<EvaluateConditionsOptions, 'caseSensitive' | 'typeValidation'> {
  const out: Pick<EvaluateConditionsOptions, 'caseSensitive' | 'typeValidation'> = {};
  if (settings.ignoreCase !== undefined) out.caseSensitive = !settings.ignoreCase;
  if (settings.looseTypeValidation || settings.optionsLooseTypeValidation) out.typeValidation = 'loose';
  return out;
}

/** Evaluates a resolved filter value for one item; throws ConditionError on a type mismatch. */
export function evaluateConditions(value: FilterValue, options: EvaluateConditionsOptions): boolean {
  const settings: Settings = {
    caseSensitive: options.caseSensitive ?? value.options?.caseSensitive ?? true,
    strict: (options.typeValidation ?? value.options?.typeValidation ?? 'strict') === 'strict',
    version: value.options?.version ?? 1,
  };
  const check = (condition: FilterCondition, index: number) =>
    evaluateCondition(condition, settings, { ...options, index });
  return value.combinator === 'or' ? value.conditions.some(check) : value.conditions.every(check);
}

function evaluateCondition(condition: FilterCondition, settings: Settings, where: Where): boolean {
  const { operator } = condition;
  const operation = operator.operation;
  const left = parseSide(condition.leftValue, operator.type, settings, where, 'first');
  const exists = left !== undefined && left !== null && !Number.isNaN(left);
  if (operation === 'exists') return exists;
  if (operation === 'notExists') return !exists;
  const rightType = operator.rightType ?? defaultRightType(operator.type, operation);
  const right =
    operator.singleValue || SINGLE_VALUE.has(operation)
      ? undefined
      : parseSide(condition.rightValue, rightType, settings, where, 'second');
  switch (operator.type) {
    case 'string':
      return compareStrings(operation, left, right, settings.caseSensitive, where);
    case 'number':
      return compareNumbers(operation, left, right, exists);
    case 'dateTime':
      return compareDates(operation, left, right, exists);
    case 'boolean':
      return compareBooleans(operation, left, right, exists);
    case 'array':
      return compareArrays(operation, left, right, settings.caseSensitive);
    case 'object':
      return compareObjects(operation, left);
  }
}

/** n8n's editor always stores rightType for these; hand-written documents may not. */
function defaultRightType(type: FilterOperatorType, operation: string): ValueType {
  if (type !== 'array') return type;
  return operation.startsWith('length') ? 'number' : 'any';
}

function compareStrings(op: string, l: unknown, r: unknown, caseSensitive: boolean, where: Where): boolean {
  const isRegex = op === 'regex' || op === 'notRegex';
  let left = typeof l === 'string' ? l : '';
  let right = typeof r === 'string' ? r : '';
  if (!caseSensitive && !isRegex) {
    left = left.toLocaleLowerCase();
    right = right.toLocaleLowerCase();
  }
  switch (op) {
    case 'empty':
      return left.length === 0;
    case 'notEmpty':
      return left.length !== 0;
    case 'equals':
      return left === right;
    case 'notEquals':
      return left !== right;
    case 'contains':
      return left.includes(right);
    case 'notContains':
      return !left.includes(right);
    case 'startsWith':
      return left.startsWith(right);
    case 'notStartsWith':
      return !left.startsWith(right);
    case 'endsWith':
      return left.endsWith(right);
    case 'notEndsWith':
      return !left.endsWith(right);
    case 'regex':
      return toRegex(right, !caseSensitive, where).test(left);
    case 'notRegex':
      return !toRegex(right, !caseSensitive, where).test(left);
  }
  return false;
}

/** Orderings shared by numbers and dates (dates compare their milliseconds). */
const ORDER: ReadonlyMap<string, (a: number, b: number) => boolean> = new Map([
  ['equals', (a: number, b: number) => a === b],
  ['notEquals', (a: number, b: number) => a !== b],
  ['gt', (a: number, b: number) => a > b],
  ['lt', (a: number, b: number) => a < b],
  ['gte', (a: number, b: number) => a >= b],
  ['lte', (a: number, b: number) => a <= b],
]);

/** Date operations by the ordering they mean. */
const DATE_OPERATIONS: ReadonlyMap<string, string> = new Map([
  ['equals', 'equals'],
  ['notEquals', 'notEquals'],
  ['after', 'gt'],
  ['before', 'lt'],
  ['afterOrEquals', 'gte'],
  ['beforeOrEquals', 'lte'],
]);

function compareNumbers(op: string, l: unknown, r: unknown, exists: boolean): boolean {
  if (op === 'empty') return !exists;
  if (op === 'notEmpty') return exists;
  if (typeof l !== 'number' || typeof r !== 'number') {
    // n8n compares whatever is there: null/undefined never order, and equal only to each other.
    if (op === 'equals') return l === r;
    if (op === 'notEquals') return l !== r;
    return false;
  }
  return ORDER.get(op)?.(l, r) ?? false;
}

function compareDates(op: string, l: unknown, r: unknown, exists: boolean): boolean {
  if (op === 'empty') return !exists;
  if (op === 'notEmpty') return exists;
  if (!(l instanceof DateTime) || !(r instanceof DateTime)) return false;
  const order = ORDER.get(DATE_OPERATIONS.get(op) ?? '');
  return order ? order(l.toMillis(), r.toMillis()) : false;
}

function compareBooleans(op: string, l: unknown, r: unknown, exists: boolean): boolean {
  switch (op) {
    case 'empty':
      return !exists;
    case 'notEmpty':
      return exists;
    case 'true':
      return l === true;
    case 'false':
      return l !== true;
    case 'equals':
      return l === r;
    case 'notEquals':
      return l !== r;
  }
  return false;
}

function compareArrays(op: string, l: unknown, r: unknown, caseSensitive: boolean): boolean {
  const left = Array.isArray(l) ? l : [];
  const length = typeof r === 'number' ? r : Number.NaN;
  switch (op) {
    case 'empty':
      return left.length === 0;
    case 'notEmpty':
      return left.length !== 0;
    case 'contains':
      return arrayContains(left, r, caseSensitive);
    case 'notContains':
      return !arrayContains(left, r, caseSensitive);
    case 'lengthEquals':
      return left.length === length;
    case 'lengthNotEquals':
      return left.length !== length;
    case 'lengthGt':
      return left.length > length;
    case 'lengthLt':
      return left.length < length;
    case 'lengthGte':
      return left.length >= length;
    case 'lengthLte':
      return left.length <= length;
  }
  return false;
}

function arrayContains(list: unknown[], value: unknown, caseSensitive: boolean): boolean {
  if (caseSensitive || typeof value !== 'string') return list.includes(value);
  const wanted = value.toLocaleLowerCase();
  return list.some((entry) => typeof entry === 'string' && entry.toLocaleLowerCase() === wanted);
}

function compareObjects(op: string, l: unknown): boolean {
  const size = l !== null && typeof l === 'object' ? Object.keys(l).length : 0;
  if (op === 'empty') return size === 0;
  if (op === 'notEmpty') return size !== 0;
  return false;
}

function toRegex(pattern: string, ignoreCase: boolean, where: Where): RegExp {
  const literal = /^\/(.*)\/([dgimsuyv]*)$/s.exec(pattern);
  let source = pattern;
  let flags = '';
  if (literal) {
    source = literal[1];
    flags = literal[2].replace(/[gy]/g, '');
  }
  if (ignoreCase && !flags.includes('i')) flags += 'i';
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new ConditionError(
      'CONDITION_INVALID_REGEX',
      `Invalid regular expression ${JSON.stringify(pattern)} [condition ${where.index}, item ${where.itemIndex}]`,
      {
        node: where.node,
        parameter: `${where.parameter ?? 'conditions'}.conditions[${where.index}].rightValue`,
        cause: error,
        details: { condition: where.index, itemIndex: where.itemIndex },
        description: error instanceof Error ? error.message : undefined,
      },
    );
  }
}

export { ConditionError };
