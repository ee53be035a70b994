/**
 * Objects created by the running evaluation are "owned" and may be mutated;
 * everything else (input items, run data, built-ins, whatever a helper hands
 * back) is shared and read-only. Only code that has just constructed a value
 * may call `own` on it: literals, `new`, natives that build a new array, and
 * `freshCopy` (copy.ts) for helper results that may hold references. Owned
 * objects are listed per evaluation (a push is far cheaper than a WeakMap write
 * on the hot path); the list is dropped when the evaluation ends, so an object
 * from an earlier evaluation is read-only again.
 */
import { chargeElements } from './budget.ts';
import { forbidden } from './expression-error.ts';
import { forbiddenIntrinsic } from './intrinsics.ts';

let owned: object[] = [];
let index: Set<object> | undefined;
let indexed = 0;
/** Outside an evaluation (helpers called from a Code node) nothing is recorded, so nothing leaks. */
let evaluating = false;

/** Starts (`true`) or ends (`false`) an evaluation: either way nothing is owned yet. */
export function resetOwned(active: boolean): void {
  evaluating = active;
  if (owned.length > 0) owned = [];
  index = undefined;
  indexed = 0;
}

export function isEvaluating(): boolean {
  return evaluating;
}

/** Defence in depth: a host intrinsic can never become writable, whatever a caller believes. */
function intrinsicOwned(): never {
  throw forbidden('A built-in object cannot be used as data in expressions');
}

export function own<T>(value: T): T {
  if (evaluating && value !== null && typeof value === 'object') {
    if (forbiddenIntrinsic(value)) intrinsicOwned();
    if (Array.isArray(value)) chargeElements(value.length);
    owned.push(value);
  }
  return value;
}

export function isOwned(value: object): boolean {
  if (owned.length <= 16) return owned.includes(value);
  index ??= new Set();
  for (; indexed < owned.length; indexed++) index.add(owned[indexed]);
  return index.has(value);
}

/**
 * Marks a structure as owned all the way down. Only for values that are fresh
 * by construction (`JSON.parse` without a reviver); anything that may contain a
 * reference goes through `freshCopy` instead.
 */
export function ownDeep<T>(value: T, depth = 0): T {
  if (!evaluating || value === null || typeof value !== 'object' || depth > 500) return value;
  own(value);
  if (Array.isArray(value)) {
    for (const v of value) ownDeep(v, depth + 1);
  } else {
    for (const v of Object.values(value)) ownDeep(v, depth + 1);
  }
  return value;
}
