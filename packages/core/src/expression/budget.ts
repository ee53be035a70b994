import { limitError, memoryLimitError } from './expression-error.ts';

export const MAX_STEPS = 1_000_000;
export const MAX_DEPTH = 200;
/** Characters in one string, and elements in one array (~10 MB either way). */
export const MAX_STRING = 10_000_000;
export const MAX_ARRAY = 10_000_000;

/**
 * Cumulative memory budget of one evaluation: characters of every string it
 * builds plus elements of every array it builds (~2 bytes and ~8 bytes each).
 * A loop that keeps making fresh multi-megabyte strings stops here instead of
 * exhausting the heap. Appending to the string just built (`s += x`) is charged
 * for the appended part only: V8 keeps such a chain as a rope.
 */
export const MAX_ALLOCATED_CHARS = 64_000_000;
export const MAX_ALLOCATED_ELEMENTS = 16_000_000;

let chars = 0;
let elements = 0;
let lastString = '';
let charging = false;

/** Starts (`true`) or ends (`false`) an evaluation's memory accounting. */
export function resetMemory(active: boolean): void {
  charging = active;
  chars = 0;
  elements = 0;
  bulk = 0;
  lastString = '';
}

let bulk = 0;

/**
 * Work done inside one native step on the expression's behalf (keys copied by
 * `{...o}`, `Object.assign`, helper results): bounded like steps, so a loop of
 * ever-larger spreads stops instead of running for minutes.
 */
export function chargeBulk(n: number): void {
  if (!charging) return;
  bulk += n;
  if (bulk > MAX_STEPS) {
    throw limitError(
      `Expression copied more than ${MAX_STEPS.toLocaleString('en')} properties (an endless loop?)`,
    );
  }
}

function outOfMemory(what: string, used: number, limit: number): never {
  throw memoryLimitError(
    `Expression created ${used.toLocaleString('en')} ${what} in total (memory budget ${limit.toLocaleString('en')} per evaluation)`,
  );
}

export function chargeChars(n: number): void {
  if (!charging) return;
  chars += n;
  if (chars > MAX_ALLOCATED_CHARS) outOfMemory('string characters', chars, MAX_ALLOCATED_CHARS);
}

export function chargeElements(n: number): void {
  if (!charging) return;
  elements += n;
  if (elements > MAX_ALLOCATED_ELEMENTS) outOfMemory('array elements', elements, MAX_ALLOCATED_ELEMENTS);
}

/** Charges the result of `a + b` (either a string): only the new part when it extends the last one. */
export function chargeConcat(a: unknown, b: unknown, result: string): string {
  if (!charging) return result;
  if (result.length < 1024) {
    chargeChars(result.length);
    return result;
  }
  if (a === lastString && typeof b === 'string') chargeChars(b.length);
  else if (b === lastString && typeof a === 'string') chargeChars(a.length);
  else chargeChars(result.length);
  lastString = result;
  return result;
}

/** Charges a string some native built (`repeat`, `join`, `toUpperCase`…): it is a new flat copy. */
export function chargeString(value: string): string {
  if (charging) chargeChars(value.length);
  return value;
}

export function limitExceeded(message: string): never {
  throw limitError(message);
}

export function tooManySteps(): never {
  throw limitError(`Expression stopped after ${MAX_STEPS.toLocaleString('en')} steps (an endless loop?)`);
}

export function tooDeep(): never {
  throw limitError(`Expression exceeded the call depth limit of ${MAX_DEPTH} (endless recursion?)`);
}

export function stringTooLong(length: number): never {
  throw limitError(
    `Expression built a string of ${length.toLocaleString('en')} characters (limit ${MAX_STRING.toLocaleString('en')})`,
  );
}

export function checkString(value: string): string {
  if (value.length > MAX_STRING) stringTooLong(value.length);
  return value;
}

/** `checkString` for a concatenation result, charged against the memory budget. */
export function checkConcat(a: unknown, b: unknown, value: string): string {
  if (value.length > MAX_STRING) stringTooLong(value.length);
  return chargeConcat(a, b, value);
}

export function checkLength(length: number, what: string): void {
  if (length > MAX_ARRAY) {
    throw limitError(
      `Expression built ${what} of ${length.toLocaleString('en')} elements (limit ${MAX_ARRAY.toLocaleString('en')})`,
    );
  }
}

/** Rejects oversized strings and arrays coming back from host calls, and charges new strings. */
export function checkSize(value: unknown): unknown {
  if (typeof value === 'string') {
    if (value.length > MAX_STRING) checkString(value);
    chargeString(value);
  } else if (Array.isArray(value) && value.length > MAX_ARRAY) {
    checkLength(value.length, 'an array');
  }
  return value;
}
