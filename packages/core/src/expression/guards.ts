/**
 * Guarded property access, assignment, calls and construction. Every property
 * key is checked against DENIED_KEYS after String() coercion; natives that
 * mutate or can blow up memory are routed through handlers that check `this`.
 */
import {
  chargeElements,
  checkLength,
  checkSize,
  MAX_ARRAY,
  MAX_STEPS,
  MAX_STRING,
  stringTooLong,
  tooManySteps,
} from './budget.ts';
import { DENIED_KEYS } from './denied-keys.ts';
import { freshCopy } from './copy.ts';
import { forbidden } from './expression-error.ts';
import { forbiddenIntrinsic } from './intrinsics.ts';
import { asLinearPattern, LinearRegExp, linearRegExp } from './linear-regexp.ts';
import { isOwned, own } from './owned.ts';
import type { Runtime } from './runtime.ts';

type Bag = Record<PropertyKey, unknown>;
type Callable = (...args: unknown[]) => unknown;
export type Handler = (rt: Runtime, thisArg: unknown, args: unknown[]) => unknown;

export { DENIED_KEYS } from './denied-keys.ts';

/**
 * Dangerous only on functions (`fn.caller` of a sloppy host function leaks its
 * caller). Data often has such fields (OpenAI tool calls carry
 * `function.arguments`), so plain objects may use them.
 */
const FUNCTION_DENIED_KEYS: ReadonlySet<unknown> = new Set(['caller', 'callee', 'arguments']);

function checkFunctionKey(key: string | number): void {
  if (FUNCTION_DENIED_KEYS.has(key)) deniedKey(String(key));
}

export function deniedKey(key: string): never {
  throw forbidden(`Access to "${key}" is not allowed in expressions`);
}

/** Coerces a computed key once (so a tricky toString cannot change it later) and checks it. */
export function toKey(raw: unknown): string | number {
  if (typeof raw === 'number') return raw;
  const key = typeof raw === 'string' ? raw : typeof raw === 'function' ? describeFunction(raw) : String(raw);
  if (DENIED_KEYS.has(key)) deniedKey(key);
  return key;
}

export function describeKey(key: string | number): string {
  return typeof key === 'number' ? String(key) : key;
}

/** The running env, for native wrappers that host code may call back. */
let active: Runtime | undefined;
export function setActiveRuntime(rt: Runtime): void {
  active = rt;
}

const AP = Array.prototype;
const FP = Function.prototype;
const handlers = new Map<unknown, Handler>();
const wrappers = new Map<unknown, Callable>();

function native(fn: unknown): Callable {
  if (typeof fn !== 'function') throw new Error('not a function');
  return (thisArg: unknown, ...args: unknown[]) => Reflect.apply(fn, thisArg, args);
}

function mutator(fn: unknown, name: string): void {
  const call = native(fn);
  handlers.set(fn, (_rt, thisArg, args) => {
    if (thisArg !== null && typeof thisArg === 'object' && !isOwned(thisArg)) {
      throw forbidden(
        `Cannot call ${name}() on data the expression did not create (input items and run data are read-only); copy it first, e.g. [...list] or {...obj}`,
      );
    }
    if (name === 'fill' && Array.isArray(thisArg)) checkLength(thisArg.length, 'an array');
    if (name === 'push' || name === 'unshift' || name === 'splice') chargeElements(args.length);
    return call(thisArg, ...args);
  });
}

for (const name of ['push', 'pop', 'shift', 'unshift', 'splice', 'fill', 'copyWithin'] as const) {
  mutator(AP[name], name);
}
for (const proto of [Map.prototype, Set.prototype, WeakMap.prototype, WeakSet.prototype]) {
  for (const name of ['set', 'add', 'delete', 'clear']) {
    if (name in proto) mutator(Reflect.get(proto, name), name);
  }
}
for (const name of Object.getOwnPropertyNames(Date.prototype)) {
  if (name.startsWith('set')) mutator(Reflect.get(Date.prototype, name), name);
}
mutator(Reflect.get(RegExp.prototype, 'compile'), 'compile');

// n8n users write `$json.list.sort()`: on shared arrays sort/reverse act on a copy.
for (const name of ['sort', 'reverse'] as const) {
  const call = native(AP[name]);
  handlers.set(AP[name], (_rt, thisArg, args) => {
    if (Array.isArray(thisArg) && !isOwned(thisArg)) return call(own(thisArg.slice()), ...args);
    if (thisArg !== null && typeof thisArg === 'object' && !isOwned(thisArg)) {
      throw forbidden(`Cannot call ${name}() on data the expression did not create`);
    }
    return call(thisArg, ...args);
  });
}

// Natives that return a new array: the result belongs to the expression (so `push` on it works).
for (const fn of [
  AP.map,
  AP.filter,
  AP.slice,
  AP.concat,
  AP.flat,
  AP.flatMap,
  AP.toSorted,
  AP.toReversed,
  AP.toSpliced,
  AP.with,
  String.prototype.split,
  RegExp.prototype.exec,
  LinearRegExp.prototype.exec,
]) {
  handlers.set(fn, (_rt, thisArg, args) => own(checkSize(Reflect.apply(fn, thisArg, args))));
}

// A string pattern is a regular expression for match/matchAll/search: it runs on RE2 too.
for (const [fn, flags] of [
  [String.prototype.match, ''],
  [String.prototype.matchAll, 'g'],
  [String.prototype.search, ''],
] as const) {
  handlers.set(fn, (_rt, thisArg, args) =>
    own(checkSize(Reflect.apply(fn, thisArg, [asLinearPattern(args[0], flags), ...args.slice(1)]))),
  );
}
handlers.set(RegExp, (_rt, _thisArg, args) => own(linearRegExp(args[0], args[1])));

// A function's text would be the interpreter's own source: every function prints as native code.
export function describeFunction(fn: unknown): string {
  const name = typeof fn === 'function' ? fn.name.replace(/^bound /, '') : '';
  return `function ${name}() { [native code] }`;
}
handlers.set(FP.toString, (_rt, thisArg) => {
  if (typeof thisArg !== 'function') throw new TypeError('Function.prototype.toString requires a function');
  return describeFunction(thisArg);
});
handlers.set(String, (_rt, _thisArg, args) =>
  args.length > 0 && typeof args[0] === 'function' ? describeFunction(args[0]) : checkSize(String(...args)),
);

// `Array(5)` without `new` builds a fresh array just like `new Array(5)`.
handlers.set(Array, (_rt, _thisArg, args) => {
  if (args.length === 1 && typeof args[0] === 'number') checkLength(args[0], 'an array');
  return own(Reflect.apply(Array, undefined, args));
});

handlers.set(FP.call, (rt, thisArg, args) => callFunction(rt, thisArg, args[0], args.slice(1)));
handlers.set(FP.apply, (rt, thisArg, args) => {
  const list = args[1];
  if (list === undefined || list === null) return callFunction(rt, thisArg, args[0], []);
  if (typeof list !== 'object') throw new TypeError('CreateListFromArrayLike called on non-object');
  const length = Number(Reflect.get(list, 'length')) || 0;
  checkLength(length, 'an argument list');
  return callFunction(rt, thisArg, args[0], Array.from(list as ArrayLike<unknown>));
});
handlers.set(FP.bind, (rt, thisArg, args) => {
  const target = thisArg;
  const bound = args.slice(1);
  return hideSource((...more: unknown[]) => callFunction(rt, target, args[0], [...bound, ...more]));
});

const SP = String.prototype;
handlers.set(SP.repeat, (_rt, thisArg, args) => {
  const s = String(thisArg);
  const n = Number(args[0]);
  if (s.length * n > MAX_STRING) stringTooLong(s.length * n);
  return s.repeat(n);
});
for (const name of ['padStart', 'padEnd'] as const) {
  const fn = SP[name];
  handlers.set(fn, (_rt, thisArg, args) => {
    if (Number(args[0]) > MAX_STRING) stringTooLong(Number(args[0]));
    return Reflect.apply(fn, String(thisArg), args);
  });
}
// A short string replaced by a long one can explode in a single native call: estimate first.
for (const name of ['replace', 'replaceAll'] as const) {
  const fn = SP[name];
  handlers.set(fn, (_rt, thisArg, args) => {
    const text = String(thisArg);
    const [pattern, replacement] = args;
    if (typeof replacement === 'string' && replacement.length > 1) {
      const all = name === 'replaceAll' || (pattern instanceof RegExp && pattern.global);
      let count = 1;
      if (all && typeof pattern === 'string') count = occurrences(text, pattern);
      else if (all && pattern instanceof RegExp) count = text.length + 1;
      if (text.length + count * replacement.length > MAX_STRING && pattern instanceof RegExp && all) {
        // Count only as far as the limit: past it the answer is already known.
        const cap = Math.ceil((MAX_STRING - text.length) / replacement.length) + 1;
        count =
          pattern instanceof LinearRegExp
            ? pattern.countMatches(text, cap)
            : (text.match(pattern)?.length ?? 0);
      }
      if (text.length + count * replacement.length > MAX_STRING) {
        stringTooLong(text.length + count * replacement.length);
      }
    }
    return checkSize(Reflect.apply(fn, thisArg, args));
  });
}

function occurrences(text: string, search: string): number {
  if (search === '') return text.length + 1;
  let count = 0;
  for (let i = text.indexOf(search); i >= 0; i = text.indexOf(search, i + search.length)) count++;
  return count;
}

handlers.set(AP.join, (_rt, thisArg, args) => {
  if (Array.isArray(thisArg)) {
    const sep = args[0] === undefined ? 1 : String(args[0]).length;
    if (thisArg.length * sep > MAX_STRING) stringTooLong(thisArg.length * sep);
  }
  return checkSize(Reflect.apply(AP.join, thisArg, args));
});

for (const fn of handlers.keys()) {
  if (typeof fn !== 'function') continue;
  const guarded = function guarded(this: unknown, ...args: unknown[]) {
    if (!active) throw forbidden('This function can only run inside an expression');
    return callFunction(active, fn, this, args);
  };
  // The wrapper shows as the function it guards (a result `{{ 'a'.split }}` prints its name).
  Object.defineProperty(guarded, 'name', { value: fn.name });
  hideSource(guarded);
  wrappers.set(fn, guarded);
}

/**
 * Gives a host function a `toString` that prints native code, so no path that
 * turns it into text (`String(f)`, `[f].join()`, `` `${f}` ``) shows source.
 */
export function hideSource<T extends object>(fn: T): T {
  const text = describeFunction(fn);
  Object.defineProperty(fn, 'toString', { value: (() => text).bind(undefined) });
  return fn;
}

/**
 * Every value a host call or property read hands to an expression passes here:
 * a host intrinsic that is not allow-listed (Object.prototype, Function,
 * Reflect…) never reaches expression code, whoever returns it.
 */
export function handBack(value: unknown): unknown {
  if (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    forbiddenIntrinsic(value)
  ) {
    throw forbidden(
      'A built-in object was returned to the expression; built-ins are not reachable in expressions',
    );
  }
  return value;
}

/**
 * Library functions (Luxon) may write to the objects they are given (`DateTime.utc(opts)`
 * sets `opts.zone`): shared arguments reach them as fresh copies.
 */
const libraryFunctions = new WeakSet<object>();
export function treatAsLibrary(fn: unknown): void {
  if (typeof fn === 'function') libraryFunctions.add(fn);
}

function protectArgs(args: unknown[]): unknown[] {
  let out = args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a !== null && typeof a === 'object' && !isOwned(a)) {
      if (out === args) out = args.slice();
      out[i] = freshCopy(a, 'an argument');
    }
  }
  return out;
}

/** Calls a function value with guards, step counting and size checks. */
export function callFunction(rt: Runtime, fn: unknown, thisArg: unknown, args: unknown[]): unknown {
  if (typeof fn !== 'function') throw new TypeError(`${describeValue(fn)} is not a function`);
  if (++rt.steps > MAX_STEPS) tooManySteps();
  if (Array.isArray(thisArg) && thisArg.length > MAX_ARRAY) checkLength(thisArg.length, 'an array');
  const handler = handlers.get(fn);
  // Handlers are this file's own code: they return fresh values or route through callFunction.
  if (handler !== undefined) return handler(rt, thisArg, args);
  const list = libraryFunctions.has(fn) ? protectArgs(args) : args;
  return handBack(checkSize(Reflect.apply(fn, thisArg, list)));
}

/** Routes calls of a host method through `handler` (for library methods such as Luxon's). */
export function guardMethod(fn: unknown, handler: Handler): void {
  handlers.set(fn, handler);
}

/** Static members of restricted built-ins (Object, Array, Error): only these are reachable. */
const statics = new Map<unknown, Map<string, unknown>>();
const FUNCTION_KEYS = new Set(['name', 'length', 'call', 'apply', 'bind', 'toString']);

export function restrictStatics(fn: unknown, members: Record<string, unknown>): void {
  statics.set(fn, new Map(Object.entries(members)));
}

/** Whether `fn` exposes only listed statics, and those statics (for the intrinsics allow-list). */
export function isRestricted(fn: unknown): boolean {
  return statics.has(fn);
}
export function restrictedMembers(): unknown[] {
  return [...statics.values()].flatMap((table) => [...table.values()]);
}

/** Reads `obj[key]` (key already checked). */
export function getMember(obj: unknown, key: string | number): unknown {
  if (obj === null || obj === undefined) {
    throw new TypeError(`Cannot read properties of ${obj} (reading '${describeKey(key)}')`);
  }
  if (typeof obj === 'function') {
    checkFunctionKey(key);
    const table = statics.get(obj);
    if (table !== undefined) {
      const value = table.get(String(key));
      if (value !== undefined) return value;
      if (!FUNCTION_KEYS.has(String(key))) {
        throw forbidden(`${obj.name}.${describeKey(key)} is not available in expressions`);
      }
    }
  }
  // A stack trace would show host file paths; the name and message are enough.
  if (key === 'stack' && obj instanceof Error) return `${obj.name}: ${obj.message}`;
  const value = (obj as Bag)[key];
  if (typeof value === 'function') return wrappers.get(value) ?? handBack(value);
  if (typeof value === 'object' && value !== null) return handBack(value);
  return value;
}

/** Reads a method for a call: natives are returned raw (callFunction guards them). */
export function getMethod(obj: unknown, key: string | number): unknown {
  if (typeof obj === 'function') return getMember(obj, key);
  return (obj as Bag)[key];
}

function readOnly(key: string | number, verb: string): never {
  throw forbidden(
    `Cannot ${verb} "${describeKey(key)}" on data the expression did not create (input items, run data and built-ins are read-only); copy it first, e.g. {...$json}`,
  );
}

export function setMember(obj: unknown, key: string | number, value: unknown): unknown {
  if (obj === null || obj === undefined) {
    throw new TypeError(`Cannot set properties of ${obj} (setting '${describeKey(key)}')`);
  }
  if (typeof obj !== 'object' || !isOwned(obj)) readOnly(key, 'set');
  if (Array.isArray(obj)) {
    const index = typeof key === 'number' ? key : key === 'length' ? Number(value) : Number(key);
    if (index >= MAX_ARRAY) checkLength(index + 1, 'an array');
    if (index >= obj.length) chargeElements(1);
  }
  (obj as Bag)[key] = value;
  return value;
}

export function deleteMember(obj: unknown, key: string | number): boolean {
  if (obj === null || obj === undefined) {
    throw new TypeError(`Cannot convert undefined or null to object (deleting '${describeKey(key)}')`);
  }
  if (typeof obj !== 'object' || !isOwned(obj)) readOnly(key, 'delete');
  return delete (obj as Bag)[key];
}

/** Constructors `new` may build; the result is owned by the expression. */
const constructors = new Set<unknown>([Date, Array, Object, Map, Set, RegExp, Error, TypeError, RangeError]);
export function allowConstructor(fn: unknown): void {
  constructors.add(fn);
}

export function construct(rt: Runtime, ctor: unknown, args: unknown[], name: string): unknown {
  if (typeof ctor !== 'function' || !constructors.has(ctor)) {
    throw forbidden(
      `"new ${name}" is not allowed in expressions (allowed: Date, Array, Object, Map, Set, RegExp, Error)`,
    );
  }
  if (++rt.steps > MAX_STEPS) tooManySteps();
  if (ctor === Array && args.length === 1 && typeof args[0] === 'number') checkLength(args[0], 'an array');
  if (ctor === RegExp) return own(linearRegExp(args[0], args[1]));
  return own(Reflect.construct(ctor, args));
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value);
  if (typeof value === 'function') return 'function';
  if (typeof value === 'object') return Array.isArray(value) ? 'array' : 'object';
  return String(value);
}
