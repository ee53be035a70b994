/**
 * n8n's `$fromAI('name', 'description', 'type', default)`: a parameter the model fills
 * when a node runs as an agent tool. The calls are found in the node's parameters (in
 * any `{{ }}` expression), become the tool's JSON Schema, and are replaced by the
 * model's values as JSON literals before the node runs, so the rest of each expression
 * is evaluated as usual.
 */
import { GuixuError, type JsonValue } from '@guixu/core';
import type { JSONSchema7 } from 'ai';

export interface FromAiParameter {
  name: string;
  description: string;
  type: 'string' | 'number' | 'boolean' | 'json';
  default?: JsonValue;
}

const STRING = String.raw`(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|\`((?:\\.|[^\`\\])*)\`)`;
/** `$fromAI(` name [, description [, type [, default]]] `)`. */
const CALL = new RegExp(
  String.raw`\$fromAI\(\s*${STRING}(?:\s*,\s*${STRING})?(?:\s*,\s*${STRING})?(?:\s*,\s*([^()]*?))?\s*\)`,
  'g',
);
const TYPES = new Set(['string', 'number', 'boolean', 'json']);
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

const unquote = (m: RegExpExecArray, at: number) => {
  const raw = m[at] ?? m[at + 1] ?? m[at + 2];
  return raw === undefined ? undefined : raw.replace(/\\(.)/g, '$1');
};

function parseDefault(text: string | undefined): JsonValue | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const trimmed = text.trim().replace(/^'(.*)'$/s, '"$1"');
  try {
    return JSON.parse(trimmed) as JsonValue;
  } catch {
    return trimmed;
  }
}

/** Every `$fromAI()` in the parameters (strings at any depth), by name; the first description and type win. */
export function fromAiParameters(parameters: unknown): FromAiParameter[] {
  const found = new Map<string, FromAiParameter>();
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      if (!value.includes('$fromAI')) return;
      for (const m of value.matchAll(CALL)) {
        const name = unquote(m, 1) ?? '';
        if (!NAME.test(name)) {
          throw new GuixuError(
            'AI_FROM_AI_INVALID',
            `$fromAI() needs a name of letters, digits, _ or -: "${name}"`,
          );
        }
        if (found.has(name)) continue;
        const type = (unquote(m, 7) ?? 'string').toLowerCase();
        const fallback = parseDefault(m[10]);
        found.set(name, {
          name,
          description: unquote(m, 4) ?? '',
          type: TYPES.has(type) ? (type as FromAiParameter['type']) : 'string',
          ...(fallback === undefined ? {} : { default: fallback }),
        });
      }
      return;
    }
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  visit(parameters);
  return [...found.values()];
}

export function fromAiSchema(parameters: readonly FromAiParameter[]): JSONSchema7 {
  const properties: Record<string, JSONSchema7> = {};
  for (const p of parameters) {
    properties[p.name] = {
      ...(p.type === 'json' ? {} : { type: p.type }),
      ...(p.description ? { description: p.description } : {}),
    };
  }
  return {
    type: 'object',
    properties,
    required: parameters.filter((p) => p.default === undefined).map((p) => p.name),
  };
}

/** The parameters with each `$fromAI()` call replaced by the model's value (or its default) as a JSON literal. */
export function fillFromAi(
  parameters: unknown,
  values: Record<string, unknown>,
  declared: readonly FromAiParameter[],
): unknown {
  const byName = new Map(declared.map((p) => [p.name, p]));
  const argument = (name: string): unknown => {
    if (values[name] !== undefined) return values[name];
    const p = byName.get(name);
    if (p?.default !== undefined) return p.default;
    throw new GuixuError('AI_TOOL_ARGUMENTS_INVALID', `The model did not give "${name}"`, {
      details: { parameter: name },
    });
  };
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (!value.includes('$fromAI')) return value;
      // A value that is only `={{ $fromAI(...) }}` takes the model's value as it is (a number stays a number).
      const whole = /^=\{\{\s*(\$fromAI\([\s\S]*\))\s*\}\}$/.exec(value);
      if (whole) {
        const call = new RegExp(CALL.source).exec(whole[1] ?? '');
        if (call && call[0] === whole[1]) return argument(unquote(call, 1) ?? '');
      }
      return value.replace(CALL, (...m: unknown[]) => {
        const match = m as unknown as RegExpExecArray;
        return JSON.stringify(argument(unquote(match, 1) ?? '')) ?? 'null';
      });
    }
    if (Array.isArray(value)) return value.map(fill);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    }
    return value;
  };
  return fill(parameters);
}
