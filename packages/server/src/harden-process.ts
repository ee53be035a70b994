/**
 * Defence in depth for the server and CLI processes (issue 8): the prototypes
 * of the JavaScript intrinsics are frozen, so even a sandbox escape cannot
 * plant a key on `Object.prototype` (the key every object, every request body
 * and the env of every forked child would inherit).
 *
 * Freezing a prototype has one well-known side effect, the "override
 * mistake": assigning `obj.toString = …` or `this.name = …` on an object that
 * only inherits that property from a frozen prototype throws in strict mode.
 * Libraries do exactly that (every `class X extends Error { name = … }`,
 * wrappers that set `fn.toString`), so before freezing, the few properties
 * that are commonly overridden become accessors whose setter defines an own
 * property on the receiver, as SES/Hardened JavaScript does.
 *
 * Constructors stay unfrozen: tsx, source-map support and pino set
 * `Error.prepareStackTrace` / `Error.stackTraceLimit`.
 */

/**
 * Every writable data property of a frozen prototype becomes an accessor whose
 * setter gives the receiver its own property: libraries assign methods on
 * their instances (vite sets `map.set = …`, wrappers set `fn.toString`,
 * errors set `this.name`). `constructor` stays a data property: Node's
 * `util.inspect` finds a class name only through a data `constructor` (as an
 * accessor every Error prints as `{}`); the price is that
 * `X.prototype = Object.create(Error.prototype); X.prototype.constructor = X`
 * throws, a pattern none of the server's dependencies use outside browser builds.
 * The typed arrays are the exception: es-abstract's slice polyfill (through
 * exceljs) assigns `ta.constructor` on a Uint8Array, so theirs is an accessor
 * too (util.inspect then prints `Object(2) [Uint8Array] [ 0, 0 ]`); so is
 * `Function.prototype.constructor`, which PDF.js assigns on its error
 * functions (util.inspect prints functions and classes as before).
 */
const KEEP_DATA = new Set<PropertyKey>(['constructor']);

export interface HardenReport {
  /** Names of the frozen prototypes and namespaces. */
  frozen: string[];
}

let report: HardenReport | undefined;

function enableOverride(proto: object, key: PropertyKey): void {
  const desc = Object.getOwnPropertyDescriptor(proto, key);
  if (desc === undefined || !('value' in desc) || !desc.writable || !desc.configurable) return;
  const value: unknown = desc.value;
  const get = () => value;
  // SES's convention: the getter of such an emulated data property carries `originalValue`, so
  // code that reads intrinsics through their descriptors (get-intrinsic, call-bound: es-abstract,
  // and through it exceljs) sees the method, not the getter.
  Object.defineProperty(get, 'originalValue', { value });
  Object.freeze(get);
  Object.defineProperty(proto, key, {
    configurable: false,
    enumerable: desc.enumerable,
    get,
    set(this: unknown, next: unknown) {
      if (this === proto)
        throw new TypeError(`Cannot assign to read only property '${String(key)}' of a frozen prototype`);
      if (this === null || (typeof this !== 'object' && typeof this !== 'function')) return;
      // Assignment on an object that inherits the property: give it its own, as unfrozen JS would.
      Object.defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
    },
  });
}

function prototypes(): [string, object][] {
  const named: [string, unknown][] = [];
  for (const name of [
    'Object',
    'Function',
    'Array',
    'String',
    'Number',
    'Boolean',
    'Symbol',
    'BigInt',
    'Date',
    'RegExp',
    'Error',
    'EvalError',
    'RangeError',
    'ReferenceError',
    'SyntaxError',
    'TypeError',
    'URIError',
    'AggregateError',
    'Map',
    'Set',
    'WeakMap',
    'WeakSet',
    'WeakRef',
    'Promise',
    'ArrayBuffer',
    'SharedArrayBuffer',
    'DataView',
  ]) {
    named.push([name, Reflect.get(Reflect.get(globalThis, name) ?? {}, 'prototype')]);
  }
  const typedArray = Object.getPrototypeOf(Uint8Array) as { prototype: object };
  named.push(['TypedArray', typedArray.prototype]);
  for (const name of [
    'Int8Array',
    'Uint8Array',
    'Uint8ClampedArray',
    'Int16Array',
    'Uint16Array',
    'Int32Array',
  ]) {
    named.push([name, Reflect.get(Reflect.get(globalThis, name) ?? {}, 'prototype')]);
  }
  for (const name of ['Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
    named.push([name, Reflect.get(Reflect.get(globalThis, name) ?? {}, 'prototype')]);
  }
  const arrayIterator = Object.getPrototypeOf([][Symbol.iterator]()) as object;
  named.push(['ArrayIterator', arrayIterator], ['Iterator', Object.getPrototypeOf(arrayIterator)]);
  named.push(['MapIterator', Object.getPrototypeOf(new Map()[Symbol.iterator]())]);
  named.push(['SetIterator', Object.getPrototypeOf(new Set()[Symbol.iterator]())]);
  named.push(['StringIterator', Object.getPrototypeOf(''[Symbol.iterator]())]);
  const generator = Object.getPrototypeOf(function* () {}) as { prototype: object };
  named.push(['GeneratorFunction', generator], ['Generator', generator.prototype]);
  const asyncGenerator = Object.getPrototypeOf(async function* () {}) as { prototype: object };
  named.push(['AsyncGeneratorFunction', asyncGenerator], ['AsyncGenerator', asyncGenerator.prototype]);
  named.push(['AsyncFunction', Object.getPrototypeOf(async () => {})]);
  named.push(['JSON', JSON], ['Math', Math], ['Reflect', Reflect]);
  return named.filter((entry): entry is [string, object] => {
    const value = entry[1];
    return (typeof value === 'object' && value !== null) || typeof value === 'function';
  });
}

/**
 * Methods that libraries add to intrinsics when the running Node lacks them,
 * installed here (the same simple definitions) because a frozen prototype can no
 * longer take them: PDF.js (unpdf, behind Extract from File and the AI document
 * loader) adds these three when it is first imported, after hardening.
 */
function installLateBuiltins(): void {
  const define = (target: object, key: string, value: unknown) => {
    if (Reflect.get(target, key) === undefined)
      Object.defineProperty(target, key, { value, writable: true, configurable: true });
  };
  define(Map.prototype, 'getOrInsertComputed', function <
    K,
    V,
  >(this: Map<K, V>, key: K, make: (key: K) => V): V {
    if (this.has(key)) return this.get(key) as V;
    const value = make(key);
    this.set(key, value);
    return value;
  });
  define(Uint8Array.prototype, 'toHex', function (this: Uint8Array): string {
    let out = '';
    for (let i = 0; i < this.length; i++) out += this[i].toString(16).padStart(2, '0');
    return out;
  });
  define(Math, 'sumPrecise', (values: Iterable<number>): number => {
    let sum = 0;
    for (const value of values) sum += value;
    return sum;
  });
}

/**
 * Freezes the intrinsics' prototypes of this process (idempotent). Call it
 * first thing in an entry point, after the modules are loaded.
 */
export function hardenProcess(): HardenReport {
  if (report !== undefined) return report;
  installLateBuiltins();
  const frozen: string[] = [];
  for (const [name, proto] of prototypes()) {
    // Typed arrays and functions take an own `constructor` on assignment too: es-abstract sets
    // it on a Uint8Array, PDF.js on its error functions (`BaseException.constructor = …`).
    const ownConstructor =
      name === 'TypedArray' || name === 'Function' || (name.endsWith('Array') && name !== 'Array');
    for (const key of Reflect.ownKeys(proto))
      if (!KEEP_DATA.has(key) || ownConstructor) enableOverride(proto, key);
    Object.freeze(proto);
    frozen.push(name);
  }
  report = { frozen };
  return report;
}

/** Whether `hardenProcess` ran in this process. */
export function isHardened(): boolean {
  return report !== undefined;
}
