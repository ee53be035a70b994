/** n8n object extension methods (plain objects). */
import { own } from '../owned.ts';
import { type ExtensionTable, extensionError, isPlainObject } from './util.ts';

function filterFields(obj: Record<string, unknown>, keep: (v: unknown) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (keep(v) && k !== '__proto__') out[k] = v;
  return own(out);
}

function contains(name: string, value: unknown, needle: unknown): boolean {
  if (typeof needle !== 'string' && typeof needle !== 'number') {
    throw extensionError(name, 'expects a string to search for');
  }
  return typeof value === 'string' || typeof value === 'number'
    ? String(value).includes(String(needle))
    : false;
}

const o = (fn: (value: Record<string, unknown>, args: unknown[]) => unknown) => fn;

export const objectExtensions: ExtensionTable = {
  isEmpty: o((v) => Object.keys(v).length === 0),
  isNotEmpty: o((v) => Object.keys(v).length > 0),
  keys: o((v) => own(Object.keys(v))),
  values: o((v) => own(Object.values(v))),
  hasField: o((v, [field]) => Object.hasOwn(v, String(field))),
  removeField: o((v, [field]) => {
    const out = filterFields(v, () => true);
    delete out[String(field)];
    return out;
  }),
  removeFieldsContaining: o((v, [needle]) =>
    filterFields(v, (x) => !contains('removeFieldsContaining', x, needle)),
  ),
  keepFieldsContaining: o((v, [needle]) =>
    filterFields(v, (x) => contains('keepFieldsContaining', x, needle)),
  ),
  compact: o((v) => filterFields(v, (x) => x !== null && x !== undefined && x !== '')),
  toJsonString: o((v) => JSON.stringify(v)),
  urlEncode: o((v) => {
    const params = new URLSearchParams();
    for (const [k, x] of Object.entries(v)) params.append(k, typeof x === 'string' ? x : JSON.stringify(x));
    return params.toString();
  }),
  merge: o((v, [other]) => {
    if (!isPlainObject(other)) throw extensionError('merge', 'expects an object to merge');
    const out = filterFields(other, () => true);
    for (const [k, x] of Object.entries(v)) if (k !== '__proto__') out[k] = x;
    return out;
  }),
};
