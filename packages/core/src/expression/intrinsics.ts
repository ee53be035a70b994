/**
 * The host's intrinsic objects (%Object.prototype%, %Function%, %ThrowTypeError%,
 * iterator prototypes, Node's globals…) and the few of them an expression may
 * hold as a value. Nothing a helper, global, extension or native returns may be
 * an intrinsic outside that allow-list: `forbiddenIntrinsic` is checked wherever
 * a host call hands a value back (guards.ts, copy.ts, owned.ts).
 */
import { DENIED_KEYS } from './denied-keys.ts';

const intrinsics = new WeakSet<object>();
const exposed = new WeakSet<object>();

function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** Adds `value` and everything reachable through own property descriptors, `depth` levels down. */
function collect(value: unknown, depth: number): void {
  if (!isObjectLike(value) || intrinsics.has(value)) return;
  intrinsics.add(value);
  if (depth === 0) return;
  collect(Object.getPrototypeOf(value), depth - 1);
  for (const key of Reflect.ownKeys(value)) {
    const d = Reflect.getOwnPropertyDescriptor(value, key);
    if (d === undefined) continue;
    collect(d.value, depth - 1);
    collect(d.get, depth - 1);
    collect(d.set, depth - 1);
  }
}

/** %ArrayIteratorPrototype%, %MapIteratorPrototype%… and %IteratorPrototype%. */
function iteratorPrototypes(): unknown[] {
  const out: unknown[] = [];
  for (const it of [
    [][Symbol.iterator](),
    new Map()[Symbol.iterator](),
    new Set()[Symbol.iterator](),
    ''[Symbol.iterator](),
    /x/[Symbol.matchAll](''),
  ]) {
    out.push(Object.getPrototypeOf(it), Object.getPrototypeOf(Object.getPrototypeOf(it)));
  }
  return out;
}

/** Intrinsics with no global name (ECMA-262 §6.1.7.4). */
function hiddenIntrinsics(): unknown[] {
  const generator = function* () {};
  const asyncFunction = async () => {};
  const asyncGenerator = async function* () {};
  return [
    ...iteratorPrototypes(),
    Object.getPrototypeOf(Uint8Array),
    Object.getPrototypeOf(generator),
    Object.getPrototypeOf(asyncFunction),
    Object.getPrototypeOf(asyncGenerator),
    Reflect.getOwnPropertyDescriptor(Function.prototype, 'caller')?.get,
  ];
}

for (const key of Reflect.ownKeys(globalThis)) {
  const d = Reflect.getOwnPropertyDescriptor(globalThis, key);
  // Node's lazy globals (fetch, crypto…) are getters: the getter is enough.
  collect(d?.value ?? d?.get, key === 'process' || key === 'Buffer' ? 1 : 3);
}
for (const value of hiddenIntrinsics()) collect(value, 3);
intrinsics.add(globalThis);

/** True for a host intrinsic that an expression may not hold (see `exposeIntrinsics`). */
export function forbiddenIntrinsic(value: object): boolean {
  return intrinsics.has(value) && !exposed.has(value);
}

export function isIntrinsic(value: unknown): boolean {
  return isObjectLike(value) && intrinsics.has(value);
}

function exposeMethods(proto: unknown): void {
  if (!isObjectLike(proto)) return;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (DENIED_KEYS.has(key)) continue;
    const d = Reflect.getOwnPropertyDescriptor(proto, key);
    if (typeof d?.value === 'function') exposed.add(d.value);
  }
}

/**
 * Allows values an expression reaches by design: the allow-listed globals, the
 * listed statics of restricted ones, and the methods of their prototypes
 * (`[].map`, `"".split`, iterator `next`). Prototypes themselves, `Function`,
 * `Reflect`, unlisted `Object.*` statics and Node's globals stay forbidden.
 */
export function exposeIntrinsics(values: Iterable<unknown>, restricted: (fn: unknown) => boolean): void {
  for (const value of values) {
    if (!isObjectLike(value)) continue;
    exposed.add(value);
    if (typeof value === 'function') {
      exposeMethods(Reflect.get(value, 'prototype'));
      if (!restricted(value)) exposeMethods(value);
    } else {
      // Namespaces (Math, Intl): their members, and the methods of Intl's constructors.
      for (const key of Object.getOwnPropertyNames(value)) {
        const member: unknown = Reflect.get(value, key);
        if (typeof member === 'function') {
          exposed.add(member);
          exposeMethods(Reflect.get(member, 'prototype'));
        }
      }
    }
  }
  exposeMethods(Function.prototype);
  exposeMethods(Object.prototype);
  for (const proto of iteratorPrototypes()) exposeMethods(proto);
}
