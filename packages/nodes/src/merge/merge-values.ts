import type { BinaryRef, Item, JsonObject, JsonValue, PairedItem } from '@guixu/core';

/** How Merge resolves fields present in several inputs (n8n's `clashHandling.values`). */
export interface ClashHandling {
  /** preferLast = n8n's "Prefer input 2 / last input version"; preferInput2 is its older name. */
  resolveClash?: 'preferInput1' | 'preferInput2' | 'preferLast' | 'addSuffix' | '';
  mergeMode?: 'deepMerge' | 'shallowMerge';
  /** Empty values (undefined, null, '') never overwrite a value. */
  overrideEmpty?: boolean;
}

function isPlainObject(value: unknown): value is Record<string, JsonValue> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

/** Deep merge like lodash `merge` (n8n's default): objects and arrays merge by key/index. */
function deepAssign(target: JsonValue, source: JsonValue, skipEmpty: boolean): JsonValue {
  if (Array.isArray(source)) {
    const out: JsonValue[] = Array.isArray(target) ? [...target] : [];
    source.forEach((v, i) => {
      if (skipEmpty && isEmpty(v) && out[i] !== undefined) return;
      out[i] =
        isPlainObject(v) || Array.isArray(v)
          ? deepAssign(out[i] ?? (Array.isArray(v) ? [] : {}), v, skipEmpty)
          : v;
    });
    return out;
  }
  if (isPlainObject(source)) {
    const out: Record<string, JsonValue> = isPlainObject(target) ? { ...target } : {};
    for (const [k, v] of Object.entries(source)) {
      if (skipEmpty && isEmpty(v) && k in out) continue;
      out[k] =
        isPlainObject(v) || Array.isArray(v)
          ? deepAssign(out[k] ?? (Array.isArray(v) ? [] : {}), v, skipEmpty)
          : v;
    }
    return out;
  }
  return source;
}

/** Merges objects left to right; later objects win. */
export function mergeObjects(
  objects: JsonObject[],
  mode: ClashHandling['mergeMode'],
  skipEmpty = false,
): JsonObject {
  let out: JsonObject = {};
  for (const source of objects) {
    if (mode === 'shallowMerge') {
      for (const [k, v] of Object.entries(source)) {
        if (skipEmpty && isEmpty(v) && k in out) continue;
        out[k] = v;
      }
    } else {
      const merged = deepAssign(out, source, skipEmpty);
      out = isPlainObject(merged) ? merged : out;
    }
  }
  return out;
}

export function withSuffix<T>(record: Record<string, T>, suffix: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [`${k}_${suffix}`, v]));
}

export function pairsOf(item: Item): PairedItem[] {
  const p = item.pairedItem;
  if (p === undefined) return [];
  if (typeof p === 'number') return [{ item: p }];
  return Array.isArray(p) ? p : [p];
}

/** An input item tagged with where it came from (`input` = input index, 0-based). */
export interface Tagged {
  item: Item;
  input: number;
}

/**
 * Combines items from several inputs into one, following the clash setting.
 * `entries` are in input order; with preferInput1 the first input wins.
 */
export function combineItems(
  entries: Tagged[],
  clash: ClashHandling,
  defaultClash: 'preferLast' | 'preferInput1' = 'preferLast',
): Item {
  const resolve = clash.resolveClash || defaultClash;
  const skipEmpty = clash.overrideEmpty === true && resolve !== 'addSuffix';
  let ordered = entries;
  if (resolve === 'preferInput1') ordered = [...entries].reverse();
  const jsons = ordered.map((e) =>
    resolve === 'addSuffix' ? withSuffix(e.item.json, String(e.input + 1)) : e.item.json,
  );
  const binaries = ordered.map((e) => {
    const b = e.item.binary ?? {};
    return resolve === 'addSuffix' ? withSuffix(b, String(e.input + 1)) : b;
  });
  const binary: Record<string, BinaryRef> = Object.assign({}, ...binaries);
  const out: Item = {
    json: mergeObjects(jsons, resolve === 'addSuffix' ? 'shallowMerge' : clash.mergeMode, skipEmpty),
    pairedItem: entries.flatMap((e) => pairsOf(e.item)),
  };
  if (Object.keys(binary).length > 0) out.binary = binary;
  return out;
}

/** Reads `a.b.c` (or the literal key when dot notation is off). */
export function fieldValue(json: JsonObject, path: string, dotNotation: boolean): JsonValue | undefined {
  if (!dotNotation || path in json) return json[path];
  let current: JsonValue | undefined = json;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(key)] : current[key];
  }
  return current;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Field comparison for matching; fuzzy compares primitives by their text ("1" equals 1). */
export function sameValue(a: unknown, b: unknown, fuzzy: boolean): boolean {
  if (!fuzzy) return deepEqual(a, b);
  const primitive = (v: unknown) => v === null || v === undefined || typeof v !== 'object';
  if (primitive(a) && primitive(b)) {
    if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
    return String(a).trim() === String(b).trim();
  }
  return deepEqual(a, b);
}
