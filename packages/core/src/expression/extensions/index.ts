/** n8n extension methods, dispatched by the type of the value a method is called on. */
import { DateTime } from 'luxon';
import { arrayExtensions } from './array.ts';
import { dateExtensions } from './date.ts';
import { booleanExtensions, numberExtensions } from './number.ts';
import { objectExtensions } from './object.ts';
import { stringExtensions } from './string.ts';
import { type ExtensionTable, isPlainObject } from './util.ts';

export type BoundExtension = (value: unknown, args: unknown[]) => unknown;

function lookup(table: ExtensionTable, key: string | number): BoundExtension | undefined {
  if (typeof key !== 'string' || !Object.hasOwn(table, key)) return undefined;
  const ext = table[key];
  // The table was chosen by the value's runtime type just above, so the call is well-typed.
  return (value, args) => ext(value as never, args);
}

export function findExtension(value: unknown, key: string | number): BoundExtension | undefined {
  switch (typeof value) {
    case 'string':
      return lookup(stringExtensions, key);
    case 'number':
      return lookup(numberExtensions, key);
    case 'boolean':
      return lookup(booleanExtensions, key);
    case 'object':
      if (value === null) return undefined;
      if (Array.isArray(value)) return lookup(arrayExtensions, key);
      if (value instanceof Date || DateTime.isDateTime(value)) return lookup(dateExtensions, key);
      if (isPlainObject(value)) return lookup(objectExtensions, key);
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Extensions that win over a native method of the same name: Luxon's
 * `plus(5, 'days')` would otherwise treat 5 as milliseconds and ignore the unit.
 */
export function findOverride(
  value: unknown,
  key: string | number,
  argCount: number,
): BoundExtension | undefined {
  if ((key === 'plus' || key === 'minus') && argCount === 2 && DateTime.isDateTime(value)) {
    return lookup(dateExtensions, key);
  }
  return undefined;
}
