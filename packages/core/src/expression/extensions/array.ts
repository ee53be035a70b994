/** n8n array extension methods. */
import { own } from '../owned.ts';
import { isEmptyValue } from '../helpers.ts';
import { type ExtensionTable, extensionError, isPlainObject, valueKey } from './util.ts';

function numbers(name: string, list: unknown[]): number[] {
  return list.map((v) => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
    throw extensionError(name, 'all elements must be numbers');
  });
}

function unique(list: unknown[], fields: unknown[]): unknown[] {
  const seen = new Set<string>();
  const keyOf = (v: unknown) =>
    fields.length > 0 && isPlainObject(v) ? valueKey(fields.map((f) => v[String(f)])) : valueKey(v);
  return own(
    list.filter((v) => {
      const key = keyOf(v);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  );
}

function asArray(name: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw extensionError(name, 'expects an array argument');
  return value;
}

/** Merges objects; keys already present win (n8n's merge). */
function mergeObjects(name: string, objects: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of objects) {
    if (o === null || o === undefined) continue;
    if (!isPlainObject(o)) throw extensionError(name, 'only works on arrays of objects');
    for (const [k, v] of Object.entries(o)) if (!(k in out) && k !== '__proto__') out[k] = v;
  }
  return own(out);
}

const a = (fn: (value: unknown[], args: unknown[]) => unknown) => fn;

export const arrayExtensions: ExtensionTable = {
  isEmpty: a((v) => v.length === 0),
  isNotEmpty: a((v) => v.length > 0),
  first: a((v) => v[0]),
  last: a((v) => v[v.length - 1]),
  sum: a((v) => numbers('sum', v).reduce((x, y) => x + y, 0)),
  average: a((v) => (v.length === 0 ? 0 : numbers('average', v).reduce((x, y) => x + y, 0) / v.length)),
  min: a((v) => Math.min(...numbers('min', v))),
  max: a((v) => Math.max(...numbers('max', v))),
  unique: a((v, fields) => unique(v, fields)),
  removeDuplicates: a((v, fields) => unique(v, fields)),
  compact: a((v) =>
    own(v.filter((x) => x !== null && x !== undefined && x !== '' && !(isPlainObject(x) && isEmptyValue(x)))),
  ),
  pluck: a((v, fields) => {
    const names = fields.map(String);
    return own(
      v
        .filter(isPlainObject)
        .map((o) => {
          if (names.length === 0) return o;
          if (names.length === 1) return o[names[0]];
          const picked: Record<string, unknown> = {};
          for (const f of names) if (f in o) picked[f] = o[f];
          return own(picked);
        })
        .filter((x) => x !== undefined && x !== null),
    );
  }),
  chunk: a((v, [size]) => {
    const n = Number(size);
    if (!Number.isInteger(n) || n < 1) throw extensionError('chunk', 'size must be a positive integer');
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i += n) out.push(own(v.slice(i, i + n)));
    return own(out);
  }),
  difference: a((v, [other]) => {
    const keys = new Set(asArray('difference', other).map(valueKey));
    return own(v.filter((x) => !keys.has(valueKey(x))));
  }),
  intersection: a((v, [other]) => {
    const keys = new Set(asArray('intersection', other).map(valueKey));
    return unique(
      v.filter((x) => keys.has(valueKey(x))),
      [],
    );
  }),
  union: a((v, [other]) => unique([...v, ...asArray('union', other)], [])),
  merge: a((v, others) =>
    mergeObjects('merge', [...v, ...others.flatMap((o) => (Array.isArray(o) ? o : [o]))]),
  ),
  smartJoin: a((v, [keyField, valueField]) => {
    const out: Record<string, unknown> = {};
    for (const o of v) {
      if (!isPlainObject(o)) continue;
      const key = String(o[String(keyField)]);
      if (key !== '__proto__') out[key] = o[String(valueField)];
    }
    return own(out);
  }),
  renameKeys: a((v, pairs) => {
    if (pairs.length % 2 !== 0) throw extensionError('renameKeys', 'expects pairs of (from, to) names');
    return own(
      v.map((o) => {
        if (!isPlainObject(o)) return o;
        const out: Record<string, unknown> = { ...o };
        for (let i = 0; i < pairs.length; i += 2) {
          const from = String(pairs[i]);
          const to = String(pairs[i + 1]);
          if (from in out && to !== '__proto__') {
            out[to] = out[from];
            delete out[from];
          }
        }
        return own(out);
      }),
    );
  }),
  randomItem: a((v) => v[Math.floor(Math.random() * v.length)]),
  toJsonString: a((v) => JSON.stringify(v)),
};
