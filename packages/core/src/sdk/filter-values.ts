import { DateTime } from 'luxon';
import { GuixuError } from '../errors.ts';

/**
 * Type checking and conversion of condition values, the way n8n's filter does
 * it: strict mode rejects a value of the wrong type with "Wrong type: …", loose
 * mode converts ("5" → 5, "false" → false, JSON text → array/object).
 */

export type FilterValueType = 'string' | 'number' | 'boolean' | 'dateTime' | 'array' | 'object' | 'any';
type ValueType = FilterValueType;

export interface Settings {
  caseSensitive: boolean;
  strict: boolean;
  version: number;
}

/** Where a condition sits, for error messages. */
export interface Where {
  itemIndex: number;
  node: string;
  parameter?: string;
  index: number;
}

/** A condition could not be evaluated (wrong type, bad regex). */
export class ConditionError extends GuixuError {
  constructor(code: string, message: string, options: ConstructorParameters<typeof GuixuError>[2]) {
    super(code, message, options);
    this.name = 'ConditionError';
  }
}

type Parsed = { ok: true; value: unknown } | { ok: false };
const fail: Parsed = { ok: false };

export function parseSide(
  value: unknown,
  type: ValueType,
  settings: Settings,
  where: Where,
  side: 'first' | 'second',
): unknown {
  const parsed = parseValue(value, type, settings);
  if (parsed.ok) return parsed.value;
  throw typeError(value, type, settings.strict, where, side);
}

function parseValue(value: unknown, type: ValueType, { strict, version }: Settings): Parsed {
  if (type === 'any' || value === null || value === undefined) return { ok: true, value };
  switch (type) {
    case 'string':
      if (strict && typeof value !== 'string') return fail;
      return { ok: true, value: toText(value) };
    case 'number':
      if (typeof value === 'number') return { ok: true, value };
      if (strict) return fail;
      if (version >= 3 && ((typeof value === 'string' && value.trim() === '') || isEmptyArray(value))) {
        return { ok: true, value: null };
      }
      return toNumber(value);
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (strict) return fail;
      if (version >= 2) {
        const parsed = toBoolean(value);
        if (parsed.ok) return parsed;
      }
      return { ok: true, value: Boolean(value) };
    case 'dateTime':
      return toDateTime(value);
    case 'array':
      if (Array.isArray(value)) return { ok: true, value };
      return strict ? fail : toArray(value);
    case 'object':
      if (isPlainObject(value)) return { ok: true, value };
      return strict ? fail : toObject(value);
  }
}

function isEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof DateTime);
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof DateTime) return value.toISO() ?? String(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function toNumber(value: unknown): Parsed {
  const n = Number(value);
  return Number.isNaN(n) ? fail : { ok: true, value: n };
}

function toBoolean(value: unknown): Parsed {
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return { ok: true, value: true };
    if (lower === 'false') return { ok: true, value: false };
    if (value.trim() === '') return fail;
  }
  const n = Number(value);
  if (n === 0) return { ok: true, value: false };
  if (n === 1) return { ok: true, value: true };
  return fail;
}

function toDateTime(value: unknown): Parsed {
  if (value instanceof DateTime) return value.isValid ? { ok: true, value } : fail;
  if (value instanceof Date) {
    const d = DateTime.fromJSDate(value);
    return d.isValid ? { ok: true, value: d } : fail;
  }
  const text = String(value).trim();
  const attempts = [
    () => DateTime.fromISO(text, { setZone: true }),
    () => DateTime.fromHTTP(text, { setZone: true }),
    () => DateTime.fromRFC2822(text, { setZone: true }),
    () => DateTime.fromSQL(text, { setZone: true }),
    () => DateTime.fromMillis(Date.parse(text)),
  ];
  for (const attempt of attempts) {
    const d = attempt();
    if (d.isValid) return { ok: true, value: d };
  }
  return fail;
}

function parseJsonLoosely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(text.replace(/'/g, '"'));
    } catch {
      return undefined;
    }
  }
}

function toArray(value: unknown): Parsed {
  const parsed = parseJsonLoosely(String(value));
  return Array.isArray(parsed) ? { ok: true, value: parsed } : fail;
}

function toObject(value: unknown): Parsed {
  if (typeof value !== 'string') return fail;
  const parsed = parseJsonLoosely(value);
  return isPlainObject(parsed) ? { ok: true, value: parsed } : fail;
}

const TYPE_WORDS: Record<ValueType, string> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  dateTime: 'dateTime',
  array: 'array',
  object: 'object',
  any: 'value',
};

function article(noun: string): string {
  return `${'aeiou'.includes(noun.charAt(0).toLowerCase()) ? 'an' : 'a'} ${noun}`;
}

function typeOfValue(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function show(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const json = JSON.stringify(value);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  }
  return String(value);
}

const CONVERTERS: Partial<Record<ValueType, string>> = {
  string: '.toString()',
  number: '.toNumber()',
  boolean: '.toBoolean()',
};

function typeError(value: unknown, type: ValueType, strict: boolean, where: Where, side: 'first' | 'second') {
  const expected = article(TYPE_WORDS[type]);
  const actual = typeOfValue(value);
  const suffix = `[condition ${where.index}, item ${where.itemIndex}]`;
  const message = strict
    ? `Wrong type: '${show(value)}' is ${article(actual)} but was expecting ${expected} ${suffix}`
    : `Conversion error: the ${actual} '${show(value)}' can't be converted to ${expected} ${suffix}`;
  const converter = CONVERTERS[type];
  const description = strict
    ? `Try either: enabling 'Convert types where required' (loose type validation), or converting the ${side} value to ${expected}${converter ? ` by adding ${converter}` : ''}.`
    : 'Try changing the type of the comparison.';
  const field = side === 'first' ? 'leftValue' : 'rightValue';
  return new ConditionError('CONDITION_WRONG_TYPE', message, {
    node: where.node,
    parameter: `${where.parameter ?? 'conditions'}.conditions[${where.index}].${field}`,
    description,
    details: { condition: where.index, itemIndex: where.itemIndex, expected: type, actual },
  });
}
