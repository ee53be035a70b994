import { chargeBulk, chargeElements, checkLength, limitExceeded } from './budget.ts';
import { forbidden } from './expression-error.ts';
import { forbiddenIntrinsic } from './intrinsics.ts';
import { isEvaluating, own } from './owned.ts';

/** Copies own enumerable properties without ever invoking the `__proto__` setter. */
export function copyInto(target: Record<string, unknown>, source: unknown): void {
  if (source === null || source === undefined) return;
  const from = Object(source) as Record<string, unknown>;
  const isArray = Array.isArray(target);
  const keys = Object.keys(from);
  chargeElements(keys.length);
  chargeBulk(keys.length);
  for (const key of keys) {
    if (isArray && (key === 'length' || Number(key) >= 0))
      checkLength(Number(key === 'length' ? from[key] : key), 'an array');
    setOwn(target, key, from[key]);
  }
}

/** `target[key] = value` that defines an own `__proto__` key instead of calling its setter. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const MAX_COPY_DEPTH = 500;

/**
 * A helper's result made safe to hand to the expression: arrays and plain
 * objects are copied (so the copy, and only the copy, is owned and writable),
 * built-in objects are refused, and anything else (Date, DateTime, Map, user
 * functions) stays a shared, read-only reference. Used for results that may
 * alias input items or host state: `$jmespath`, `JSON.parse` with a reviver.
 */
export function freshCopy(value: unknown, what: string): unknown {
  return copyValue(value, what, new Map(), 0);
}

function copyValue(value: unknown, what: string, seen: Map<object, unknown>, depth: number): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (forbiddenIntrinsic(value)) {
    throw forbidden(`${what} returned a built-in object, which expressions cannot use`);
  }
  if (typeof value === 'function' || !isPlainOrArray(value) || !isEvaluating()) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (depth > MAX_COPY_DEPTH)
    limitExceeded(`${what} returned data nested deeper than ${MAX_COPY_DEPTH} levels`);
  if (Array.isArray(value)) {
    checkLength(value.length, 'an array');
    chargeBulk(value.length);
    const out = new Array<unknown>(value.length);
    seen.set(value, out);
    for (let i = 0; i < value.length; i++) out[i] = copyValue(value[i], what, seen, depth + 1);
    return own(out);
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source);
  chargeElements(keys.length);
  chargeBulk(keys.length);
  for (const key of keys) setOwn(out, key, copyValue(source[key], what, seen, depth + 1));
  return own(out);
}

function isPlainOrArray(value: object): boolean {
  return Array.isArray(value) || isPlain(value);
}
