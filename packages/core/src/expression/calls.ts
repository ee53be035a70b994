import { checkSize, MAX_STEPS, tooManySteps } from './budget.ts';
import { findExtension, findOverride } from './extensions/index.ts';
import { callFunction, describeKey, getMethod } from './guards.ts';
import type { Frame, Runtime } from './runtime.ts';

/** Returned inside an optional chain when it short-circuits. */
export const SHORT: unique symbol = Symbol('short-circuit');

type ArgsFn = (rt: Runtime, f: Frame | null) => unknown[];

/**
 * `obj.key(...args)`: the native method when there is one, otherwise an n8n
 * extension method for the value's type.
 */
export function callMethod(
  rt: Runtime,
  obj: unknown,
  key: string | number,
  args: ArgsFn,
  f: Frame | null,
  label: string,
  optional: boolean,
): unknown {
  if (obj === null || obj === undefined) {
    throw new TypeError(`Cannot read properties of ${obj} (reading '${describeKey(key)}')`);
  }
  const fn = getMethod(obj, key);
  if (typeof fn === 'function') {
    const list = args(rt, f);
    const override = key === 'plus' || key === 'minus' ? findOverride(obj, key, list.length) : undefined;
    if (override === undefined) return callFunction(rt, fn, obj, list);
    if (++rt.steps > MAX_STEPS) tooManySteps();
    return checkSize(override(obj, list));
  }
  // Also when a non-function property shadows the name (Luxon's `isWeekend` getter, a data field).
  const extension = findExtension(obj, key);
  if (extension !== undefined) {
    if (++rt.steps > MAX_STEPS) tooManySteps();
    return checkSize(extension(obj, args(rt, f)));
  }
  if (optional && (fn === undefined || fn === null)) return SHORT;
  throw new TypeError(`${label} is not a function`);
}
