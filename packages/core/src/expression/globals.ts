/** The allow-listed globals an expression can name. Everything else is unreachable. */
import { DateTime, Duration, Interval } from 'luxon';
import { checkLength, checkSize } from './budget.ts';
import { copyInto, freshCopy } from './copy.ts';
import { forbidden, runtimeError } from './expression-error.ts';
import { allowConstructor, hideSource, isRestricted, restrictedMembers, restrictStatics } from './guards.ts';
import { exposeIntrinsics } from './intrinsics.ts';
import './luxon-guards.ts';
import { isOwned, own, ownDeep } from './owned.ts';

function ownedTarget(target: unknown, what: string): Record<string, unknown> {
  if (target === null || typeof target !== 'object') throw runtimeError(`${what} called on non-object`);
  if (!isOwned(target)) {
    throw forbidden(
      `${what} can only change objects the expression created; use {...a, ...b} to merge shared data`,
    );
  }
  return target as Record<string, unknown>;
}

function arrayLikeLength(value: unknown): number {
  if (value === null || value === undefined) throw runtimeError(`${value} is not iterable`);
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (value instanceof Map || value instanceof Set) return value.size;
  const length = Number(Reflect.get(Object(value), 'length'));
  return Number.isFinite(length) ? length : 0;
}

restrictStatics(Object, {
  keys: (o: unknown) => own(Object.keys(Object(o))),
  values: (o: unknown) => own(Object.values(Object(o))),
  entries: (o: unknown) => own(Object.entries(Object(o)).map((pair) => own(pair))),
  fromEntries: (entries: Iterable<readonly [PropertyKey, unknown]>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) copyInto(out, { [String(k)]: v });
    return own(out);
  },
  assign: (target: unknown, ...sources: unknown[]) => {
    const out = ownedTarget(target, 'Object.assign');
    for (const s of sources) copyInto(out, s);
    return out;
  },
  hasOwn: (o: unknown, key: PropertyKey) => Object.hasOwn(Object(o), key),
  groupBy: (items: Iterable<unknown>, fn: (v: unknown, i: number) => PropertyKey) => {
    const out: Record<string, unknown[]> = Object.create(null);
    let i = 0;
    for (const item of items) {
      const key = String(fn(item, i++));
      if (key === '__proto__') continue;
      out[key] ??= own([]);
      out[key].push(item);
    }
    return own(out);
  },
  is: Object.is,
  freeze: (o: unknown) => Object.freeze(ownedTarget(o, 'Object.freeze')),
  isFrozen: Object.isFrozen,
  getOwnPropertyNames: (o: unknown) => own(Object.getOwnPropertyNames(Object(o))),
});

restrictStatics(Array, {
  isArray: Array.isArray,
  from: (source: unknown, map?: (v: unknown, i: number) => unknown) => {
    checkLength(arrayLikeLength(source), 'an array');
    const iterable = Object(source) as ArrayLike<unknown>;
    return own(map === undefined ? Array.from(iterable) : Array.from(iterable, map));
  },
  of: (...items: unknown[]) => own(items),
});

for (const ctor of [Error, TypeError, RangeError, RegExp]) restrictStatics(ctor, {});
for (const ctor of [
  Intl.NumberFormat,
  Intl.DateTimeFormat,
  Intl.Collator,
  Intl.PluralRules,
  Intl.RelativeTimeFormat,
  Intl.ListFormat,
]) {
  allowConstructor(ctor);
}

const SafeJSON = Object.freeze({
  // Without a reviver every object is new; a reviver can return anything (`$json`), so copy.
  parse: (text: unknown, reviver?: (this: unknown, key: string, value: unknown) => unknown) =>
    reviver === undefined
      ? ownDeep(JSON.parse(String(text)))
      : freshCopy(JSON.parse(String(text), reviver), 'JSON.parse'),
  stringify: (value: unknown, replacer?: (number | string)[] | null, space?: string | number) =>
    checkSize(JSON.stringify(value, replacer, space)),
});

const GLOBAL_VALUES: Record<string, unknown> = {
  Math,
  JSON: SafeJSON,
  Number,
  String,
  Boolean,
  Array,
  Object,
  Date,
  Map,
  Set,
  RegExp,
  Error,
  TypeError,
  RangeError,
  parseInt,
  parseFloat,
  isNaN,
  isFinite,
  encodeURIComponent,
  decodeURIComponent,
  encodeURI,
  decodeURI,
  btoa: (s: unknown) => btoa(String(s)),
  atob: (s: unknown) => atob(String(s)),
  Intl,
  DateTime,
  Duration,
  Interval,
};

export const GLOBALS: Readonly<Record<string, unknown>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, unknown>, GLOBAL_VALUES),
);

exposeIntrinsics([...Object.values(GLOBALS), ...restrictedMembers()], isRestricted);
// Functions written here print as native code, not as this file's source.
for (const fn of [...restrictedMembers(), ...Object.values(SafeJSON), GLOBALS.btoa, GLOBALS.atob]) {
  if (typeof fn === 'function' && !Object.hasOwn(fn, 'prototype') && fn.name !== '') hideSource(fn);
}
