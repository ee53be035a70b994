import { copyJson } from '../../../api/json.ts';
import type { FormField, Values } from './form-field.ts';

function currentValue(name: string, fields: readonly FormField[], values: Values, root: Values): unknown {
  if (name.startsWith('/')) return root[name.slice(1)];
  if (name in values) return values[name];
  return fields.find((f) => f.name === name)?.default;
}

function matches(actual: unknown, allowed: readonly unknown[]): boolean {
  // A list value matches when any entry does (multi-options), as n8n reads it.
  if (Array.isArray(actual)) return actual.some((a) => allowed.some((b) => Object.is(a, b)));
  return allowed.some((b) => Object.is(actual, b));
}

/**
 * The node SDK's show/hide rules: every `show` key must match one of its
 * values, no `hide` key may; keys name sibling parameters (defaults count
 * when unset) or, with a leading `/`, top-level ones.
 */
export function isVisible(
  field: FormField,
  fields: readonly FormField[],
  values: Values,
  root: Values = values,
): boolean {
  if (field.widget === 'hidden') return false;
  const rules = field.displayOptions;
  if (!rules) return true;
  for (const [name, allowed] of Object.entries(rules.show ?? {})) {
    if (!matches(currentValue(name, fields, values, root), allowed)) return false;
  }
  for (const [name, denied] of Object.entries(rules.hide ?? {})) {
    if (matches(currentValue(name, fields, values, root), denied)) return false;
  }
  return true;
}

/** Defaults of the fields that start with a value (collections start empty: "add option"). */
export function defaultValues(fields: readonly FormField[]): Values {
  const out: Values = {};
  for (const field of fields) {
    if (field.widget === 'notice' || field.default === undefined) continue;
    out[field.name] = copyJson(field.default);
  }
  return out;
}

export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('=');
}
