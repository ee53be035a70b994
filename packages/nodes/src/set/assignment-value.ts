import { GuixuError } from '@guixu/core';
import { DateTime } from 'luxon';
import { parseRelaxedJson } from './relaxed-json.ts';

export const ASSIGNMENT_TYPES = ['string', 'number', 'boolean', 'array', 'object'] as const;
export type AssignmentType = (typeof ASSIGNMENT_TYPES)[number];

export function isAssignmentType(value: unknown): value is AssignmentType {
  return typeof value === 'string' && (ASSIGNMENT_TYPES as readonly string[]).includes(value);
}

/** How n8n names a value in type errors: `'abc'`, `array`, `object`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'object') {
    if (value === null) return "'null'";
    return Array.isArray(value) ? 'array' : 'object';
  }
  return `'${String(value)}'`;
}

const NOT_CONVERTIBLE = Symbol('not convertible');

function toNumber(value: unknown): number | typeof NOT_CONVERTIBLE {
  if (typeof value === 'number') return value;
  // n8n converts with Number(): '' and '  ' become 0 (NOTES.md), '0x10' becomes 16.
  if (typeof value === 'string' || typeof value === 'boolean') {
    const n = Number(value);
    return Number.isNaN(n) ? NOT_CONVERTIBLE : n;
  }
  return NOT_CONVERTIBLE;
}

function toBoolean(value: unknown): boolean | typeof NOT_CONVERTIBLE {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === '') return NOT_CONVERTIBLE;
  }
  if (typeof value === 'string' || typeof value === 'number') {
    const n = Number(value);
    if (n === 1) return true;
    if (n === 0) return false;
  }
  return NOT_CONVERTIBLE;
}

function toArray(value: unknown): unknown[] | typeof NOT_CONVERTIBLE {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return NOT_CONVERTIBLE;
  for (const text of [value, value.replace(/'/g, '"')]) {
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? parsed : NOT_CONVERTIBLE;
    } catch {
      // try the next spelling
    }
  }
  return NOT_CONVERTIBLE;
}

function toObject(value: unknown): Record<string, unknown> | typeof NOT_CONVERTIBLE {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  if (typeof value !== 'string') return NOT_CONVERTIBLE;
  const parsed = parseRelaxedJson(value);
  if (!parsed.ok) return NOT_CONVERTIBLE;
  const result = parsed.value;
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return NOT_CONVERTIBLE;
  return result as Record<string, unknown>;
}

function convert(type: AssignmentType, value: unknown): unknown {
  switch (type) {
    case 'string':
      // A Luxon DateTime becomes its ISO text, as in n8n (JSON.stringify would quote it).
      if (DateTime.isDateTime(value)) return value.toString();
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'number':
      return toNumber(value);
    case 'boolean':
      return toBoolean(value);
    case 'array':
      return toArray(value);
    case 'object':
      return toObject(value);
  }
}

export interface ConvertOptions {
  name: string;
  itemIndex: number;
  /** Parameter path of the assignment's value, for the error. */
  parameter: string;
  ignoreErrors: boolean;
}

/**
 * Converts an assignment's value to its declared type the way n8n's Edit Fields
 * does: null/undefined stay null, strings are parsed into numbers, booleans,
 * arrays and objects, anything else is stringified for `string`.
 */
export function convertAssignmentValue(
  type: AssignmentType,
  value: unknown,
  options: ConvertOptions,
): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'string' && typeof value === 'string') return value;
  const converted = convert(type, value);
  if (converted !== NOT_CONVERTIBLE) return converted;
  if (options.ignoreErrors) return value;
  throw new GuixuError(
    'FIELD_TYPE_MISMATCH',
    `'${options.name}' expects a ${type} but we got ${describeValue(value)} [item ${options.itemIndex}]`,
    {
      parameter: options.parameter,
      details: { itemIndex: options.itemIndex, field: options.name, expectedType: type },
      description: `To fix the error change the type for the field "${options.name}" or turn on the option "Ignore Type Conversion Errors" to apply a less strict type validation`,
    },
  );
}
