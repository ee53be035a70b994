import { getField } from '../shared/field-paths.ts';

/**
 * n8n's Sort comparison: strings compare case-insensitively, equal values
 * (deeply) tie, two strings compare as text and anything else as numbers
 * (lodash `lt`). Values that cannot be ordered (missing fields, NaN) go last
 * in ascending order so the comparator stays consistent.
 */
export interface SortField {
  fieldName: string;
  order: 'ascending' | 'descending';
}

function normalise(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) return 0;
  if (typeof value === 'string') return value.trim() === '' ? 0 : Number(value);
  return Number.NaN;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

export function compareValues(a: unknown, b: unknown): number {
  const x = normalise(a);
  const y = normalise(b);
  if (deepEqual(x, y)) return 0;
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : 1;
  const nx = toNumber(x);
  const ny = toNumber(y);
  const xBad = Number.isNaN(nx);
  const yBad = Number.isNaN(ny);
  if (xBad || yBad) return xBad === yBad ? 0 : xBad ? 1 : -1;
  return nx < ny ? -1 : nx > ny ? 1 : 0;
}

/** A comparator over item JSON for the given sort fields, first field first. */
export function compareByFields(
  fields: readonly SortField[],
  disableDotNotation: boolean,
): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  const specs = fields.map((f) => ({ name: f.fieldName, dir: f.order === 'descending' ? -1 : 1 }));
  return (a, b) => {
    for (const { name, dir } of specs) {
      const result = compareValues(
        getField(a, name, disableDotNotation),
        getField(b, name, disableDotNotation),
      );
      if (result !== 0) return result * dir;
    }
    return 0;
  };
}
