/** `$jmespath`, `$if`, `$ifEmpty`, `$max`, `$min`: n8n's helper functions. */
import jmespath from 'jmespath';
import { runtimeError } from './expression-error.ts';
import { freshCopy } from './copy.ts';

export function $jmespath(data: unknown, expression: unknown): unknown {
  if (typeof expression !== 'string') {
    throw runtimeError(
      '$jmespath(data, expression): the expression must be a string, e.g. $jmespath($json, "items[*].name")',
    );
  }
  let result: unknown;
  try {
    result = jmespath.search(data, expression);
  } catch (error) {
    throw runtimeError(`$jmespath: ${error instanceof Error ? error.message : String(error)}`);
  }
  // JMESPath returns references into `data` (`@`, fields) and even prototypes (`"__proto__"`).
  return freshCopy(result, '$jmespath');
}

export function $if(condition: unknown, yes: unknown, no: unknown): unknown {
  return condition ? yes : no;
}

export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0 && !(value instanceof Date);
  return false;
}

export function $ifEmpty(value: unknown, fallback: unknown): unknown {
  return isEmptyValue(value) ? fallback : value;
}

export function $max(...values: unknown[]): number {
  return Math.max(...values.map(Number));
}

export function $min(...values: unknown[]): number {
  return Math.min(...values.map(Number));
}
