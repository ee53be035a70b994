/**
 * `{name}` placeholders in the HTTP tool's URL: the model fills each one (as a string
 * argument); values are URL-encoded, so a model cannot change the host or add a path.
 */
import type { JSONSchema7 } from 'ai';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

export function fillTemplate(template: string, values: Record<string, unknown>): string {
  return template.replace(PLACEHOLDER, (_all, name: string) =>
    encodeURIComponent(String(values[name] ?? '')),
  );
}

export function placeholderSchema(names: readonly string[], withBody: boolean): JSONSchema7 {
  const properties: Record<string, JSONSchema7> = {};
  for (const name of names) properties[name] = { type: 'string' };
  if (withBody) properties.body = { type: 'object', description: 'JSON body of the request' };
  return { type: 'object', properties, required: [...names] };
}
