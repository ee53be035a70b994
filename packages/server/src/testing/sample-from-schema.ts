/**
 * Values generated from JSON Schema (as produced by `z.toJSONSchema`): a
 * plausible valid sample, and many wrong ones, for the fuzz test.
 */
import { isRecord } from '@guixu/core';

export type JsonSchema = Record<string, unknown>;

export function deref(schema: unknown, root: JsonSchema): JsonSchema {
  if (!isRecord(schema)) return {};
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.split('/').pop() ?? '';
    const defs = isRecord(root.$defs) ? root.$defs : {};
    return deref(defs[name], root);
  }
  return schema;
}

/** A value the schema most likely accepts (required properties only). */
export function sampleOf(schemaIn: unknown, root: JsonSchema, depth = 0): unknown {
  const schema = deref(schemaIn, root);
  if (depth > 8) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('default' in schema) return schema.default;
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union)) return sampleOf(union[0], root, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = isRecord(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required : [];
      for (const key of required)
        if (typeof key === 'string') out[key] = sampleOf(properties[key], root, depth + 1);
      return out;
    }
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      if (Array.isArray(schema.prefixItems))
        return schema.prefixItems.map((s) => sampleOf(s, root, depth + 1));
      return Array.from({ length: min }, () => sampleOf(schema.items, root, depth + 1));
    }
    case 'string':
      if (schema.format === 'date-time') return new Date(0).toISOString();
      return 'x'.repeat(typeof schema.minLength === 'number' ? schema.minLength : 1);
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return {};
  }
}

const HUGE = 'ü'.repeat(60_000);

/** Values of every JSON type plus edge cases, to put where a schema expects something else. */
export const WRONG_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  '',
  'x',
  HUGE,
  '\u0000\u202e<script>',
  [],
  [null],
  Array.from({ length: 5000 }, (_, i) => i),
  {},
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
];

export interface Mutation {
  label: string;
  value: unknown;
}

/** Copies of `base` with the value at each property path (to `maxDepth`) replaced or removed. */
export function mutations(schemaIn: unknown, root: JsonSchema, baseIn: unknown, maxDepth = 3): Mutation[] {
  let base = baseIn;
  const out: Mutation[] = [];
  const walk = (schema: JsonSchema, path: string[], depth: number) => {
    const properties = isRecord(schema.properties) ? schema.properties : {};
    for (const [key, child] of Object.entries(properties)) {
      const at = [...path, key];
      for (const value of WRONG_VALUES)
        out.push({ label: `${at.join('.')} = ${preview(value)}`, value: setAt(base, at, value) });
      out.push({ label: `${at.join('.')} removed`, value: setAt(base, at, undefined) });
      const resolved = deref(child, root);
      if (depth >= maxDepth) continue;
      if (resolved.type === 'object') walk(resolved, at, depth + 1);
      const item = deref(resolved.items, root);
      if (resolved.type === 'array' && item.type === 'object') {
        // Mutate the fields of one plausible element.
        const withItem = setAt(base, at, [sampleOf(item, root)]);
        const before = base;
        base = withItem;
        walk(item, [...at, '0'], depth + 1);
        base = before;
      }
    }
  };
  walk(deref(schemaIn, root), [], 1);
  for (const value of WRONG_VALUES) out.push({ label: `whole = ${preview(value)}`, value });
  return out;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text;
}

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

function setAt(base: unknown, path: string[], value: unknown): unknown {
  const copy: unknown = structuredClone(base ?? {});
  let node: unknown = copy;
  for (const key of path.slice(0, -1)) {
    if (!isContainer(node)) return copy;
    if (!isContainer(Reflect.get(node, key))) Reflect.set(node, key, {});
    node = Reflect.get(node, key);
  }
  if (!isContainer(node)) return copy;
  const last = path[path.length - 1];
  if (value === undefined) Reflect.deleteProperty(node, last);
  else Reflect.set(node, last, value);
  return copy;
}
