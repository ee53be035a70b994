import { limitError } from './expression-error.ts';

export const MAX_STEPS = 1_000_000;
export const MAX_DEPTH = 200;
/** Characters in one string, and elements in one array (~10 MB either way). */
export const MAX_STRING = 10_000_000;
export const MAX_ARRAY = 10_000_000;

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

export function checkLength(length: number, what: string): void {
  if (length > MAX_ARRAY) {
    throw limitError(
      `Expression built ${what} of ${length.toLocaleString('en')} elements (limit ${MAX_ARRAY.toLocaleString('en')})`,
    );
  }
}

/** Rejects oversized strings and arrays coming back from host calls. */
export function checkSize(value: unknown): unknown {
  if (typeof value === 'string') {
    if (value.length > MAX_STRING) checkString(value);
  } else if (Array.isArray(value) && value.length > MAX_ARRAY) {
    checkLength(value.length, 'an array');
  }
  return value;
}
