/**
 * Test support for the escape suites: walks what an expression can reach from
 * a value (through the guarded interpreter's own `getMember`, so getters run
 * and denied keys stay denied) and reports host intrinsics and shared objects
 * that the running evaluation treats as writable. Also snapshots the host's
 * intrinsics so a test can prove none of them changed.
 */
import * as luxon from 'luxon';
import { DENIED_KEYS } from './denied-keys.ts';
import { GLOBALS } from './globals.ts';
import { getMember } from './guards.ts';
import { forbiddenIntrinsic, isIntrinsic } from './intrinsics.ts';
import { isOwned } from './owned.ts';

export interface Finding {
  path: string;
  problem: string;
}

const FUNCTION_ONLY = new Set(['caller', 'callee', 'arguments']);

function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** Names an expression can read on `value`: own and inherited string keys, minus denied ones. */
function readableNames(value: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = value; o !== null; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (DENIED_KEYS.has(name) || (typeof value === 'function' && FUNCTION_ONLY.has(name))) continue;
      if (Array.isArray(value) && /^\d+$/.test(name) && Number(name) > 20) continue;
      names.add(name);
    }
  }
  return [...names];
}

/** Objects reachable from `roots` by own properties (host view), for the "shared state" set. */
export function collectShared(roots: unknown[], depth = 4, into = new Set<object>()): Set<object> {
  const visit = (value: unknown, d: number) => {
    if (!isObjectLike(value) || into.has(value)) return;
    into.add(value);
    if (d === 0) return;
    for (const key of Reflect.ownKeys(value)) {
      const desc = Reflect.getOwnPropertyDescriptor(value, key);
      if (desc && 'value' in desc) visit(desc.value, d - 1);
    }
  };
  for (const root of roots) visit(root, depth);
  return into;
}

/** Shared objects every evaluation can see: globals, Luxon's module state. */
export function baseShared(): Set<object> {
  return collectShared([...Object.values(GLOBALS), ...Object.values(luxon)]);
}

/**
 * Walks `root` as an expression could (must run inside an evaluation, e.g. from
 * a `$probe` extra variable, so ownership is live) and returns what is wrong.
 */
export function walkReachable(
  root: unknown,
  shared: Set<object>,
  options: { depth?: number; maxNodes?: number } = {},
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<object>();
  let budget = options.maxNodes ?? 400;
  const visit = (value: unknown, path: string, depth: number) => {
    if (!isObjectLike(value) || seen.has(value) || budget-- <= 0) return;
    seen.add(value);
    if (forbiddenIntrinsic(value)) {
      findings.push({ path, problem: `host intrinsic ${describe(value)}` });
      return;
    }
    if (typeof value === 'object' && isOwned(value) && (shared.has(value) || isIntrinsic(value))) {
      findings.push({ path, problem: 'shared object treated as owned (writable)' });
    }
    if (depth === 0 || isIntrinsic(value)) return;
    for (const name of readableNames(value)) {
      let next: unknown;
      try {
        next = getMember(value, name);
      } catch {
        continue;
      }
      visit(next, `${path}.${name}`, depth - 1);
    }
  };
  visit(root, 'result', options.depth ?? 3);
  return findings;
}

function describe(value: object): string {
  if (typeof value === 'function') return `function ${value.name}`;
  const ctor = Object.getOwnPropertyDescriptor(value, 'constructor')?.value;
  return typeof ctor === 'function' ? `${ctor.name}.prototype` : Object.prototype.toString.call(value);
}

interface Entry {
  value: unknown;
  get: unknown;
  set: unknown;
  flags: string;
}
type Snapshot = Map<object, Map<PropertyKey, Entry>>;

/** Own keys and descriptors of the prototypes and namespaces an escape would want to change. */
export function intrinsicsSnapshot(): Snapshot {
  const targets: unknown[] = [
    Object.prototype,
    Function.prototype,
    Array.prototype,
    String.prototype,
    Number.prototype,
    Boolean.prototype,
    Date.prototype,
    RegExp.prototype,
    Map.prototype,
    Set.prototype,
    Error.prototype,
    Promise.prototype,
    Object.getPrototypeOf([][Symbol.iterator]()),
    Object,
    Array,
    Function,
    JSON,
    Math,
    Reflect,
    luxon.DateTime.prototype,
    luxon.Duration.prototype,
    luxon.Interval.prototype,
    luxon.Settings,
  ];
  const out: Snapshot = new Map();
  for (const target of targets) {
    if (!isObjectLike(target)) continue;
    const entries = new Map<PropertyKey, Entry>();
    for (const key of Reflect.ownKeys(target)) {
      const d = Reflect.getOwnPropertyDescriptor(target, key);
      if (d === undefined) continue;
      const flags = `${d.writable}/${d.enumerable}/${d.configurable}`;
      entries.set(key, { value: d.value, get: d.get, set: d.set, flags });
    }
    const meta = `${Object.isExtensible(target)}`;
    entries.set('[[meta]]', {
      value: Object.getPrototypeOf(target),
      get: undefined,
      set: undefined,
      flags: meta,
    });
    out.set(target, entries);
  }
  return out;
}

/** Differences between two snapshots (empty when nothing changed). */
export function snapshotChanges(before: Snapshot, after: Snapshot): string[] {
  const changes: string[] = [];
  for (const [target, entries] of before) {
    const now = after.get(target) ?? new Map<PropertyKey, Entry>();
    for (const [key, e] of now) {
      const old = entries.get(key);
      const same =
        old !== undefined &&
        Object.is(old.value, e.value) &&
        old.get === e.get &&
        old.set === e.set &&
        old.flags === e.flags;
      if (!same) changes.push(`${describe(target)} changed ${String(key)}`);
    }
    for (const key of entries.keys())
      if (!now.has(key)) changes.push(`${describe(target)} lost ${String(key)}`);
  }
  return changes;
}
