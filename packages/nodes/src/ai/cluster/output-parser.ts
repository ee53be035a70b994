/**
 * Output parsers: reading the model's text as JSON (fenced or bare), checking it
 * against a JSON Schema, and what a root node (chain, agent) does with a connected
 * parser: add its instructions to the prompt, then parse the answer with it.
 */
import { GuixuError, type JsonValue, type NodeRunContext, p } from '@guixu/core';
import type { JSONSchema7 } from 'ai';
import { z } from 'zod';
import type { SuppliedOutputParser } from './contracts.ts';
import { toJson } from './json.ts';
import { suppliedOptional } from './sub-nodes.ts';

export function outputInvalid(message: string, text: string): GuixuError {
  return new GuixuError('AI_OUTPUT_INVALID', message, {
    details: { output: text.length > 2000 ? `${text.slice(0, 2000)}…` : text },
    description: 'Tell the model the format more clearly, or connect an Auto-fixing Output Parser.',
  });
}

/** The JSON in a model's answer: a ```json fence, else the outermost object or array. */
export function jsonInText(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1];
  const candidates = [fenced, text.trim()];
  const first = text.search(/[[{]/);
  const last = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'));
  if (first >= 0 && last > first) candidates.push(text.slice(first, last + 1));
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    try {
      return JSON.parse(candidate);
    } catch {
      // the next candidate
    }
  }
  throw outputInvalid('The model’s answer is not JSON', text);
}

const TYPE_NAMES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/**
 * A schema as people write it by hand: a property or item given as a type name
 * (`"age": "number"`, seen in n8n workflows) becomes `{ "type": "number" }`.
 */
export function normalizedSchema(schema: unknown): unknown {
  if (typeof schema === 'string' && TYPE_NAMES.has(schema)) return { type: schema };
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = { ...(schema as Record<string, unknown>) };
  if (typeof out.properties === 'object' && out.properties !== null && !Array.isArray(out.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties).map(([key, value]) => [key, normalizedSchema(value)]),
    );
  }
  if (out.items !== undefined) out.items = normalizedSchema(out.items);
  return out;
}

/** zod's reader of the schema; a schema it cannot read is a clear error, not a crash. */
export function compiledSchema(schema: JSONSchema7, parameter = 'schema'): z.ZodType {
  try {
    return z.fromJSONSchema(normalizedSchema(schema) as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    throw new GuixuError(
      'AI_SCHEMA_INVALID',
      `The JSON Schema cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      { parameter, description: 'Each property must be a schema such as {"type": "string"}.' },
    );
  }
}

/** Parses the answer and checks it against the schema (zod's JSON Schema reader). */
export function parseWithSchema(text: string, schema: JSONSchema7): JsonValue {
  const value = jsonInText(text);
  const checked = compiledSchema(schema).safeParse(value);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw outputInvalid(
      `The model’s answer does not fit the schema: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`,
      text,
    );
  }
  return toJson(checked.data);
}

/** A JSON Schema describing an example value: every property required, arrays typed by their first element. */
export function schemaFromExample(example: unknown): JSONSchema7 {
  if (Array.isArray(example)) {
    return { type: 'array', items: example.length > 0 ? schemaFromExample(example[0]) : {} };
  }
  if (example === null) return { type: 'null' };
  if (typeof example === 'object') {
    const entries = Object.entries(example as Record<string, unknown>);
    return {
      type: 'object',
      properties: Object.fromEntries(entries.map(([key, value]) => [key, schemaFromExample(value)])),
      required: entries.map(([key]) => key),
    };
  }
  if (typeof example === 'number') return { type: Number.isInteger(example) ? 'integer' : 'number' };
  if (typeof example === 'boolean') return { type: 'boolean' };
  return { type: 'string' };
}

/** The connected Output Parser of a root node, if any (for chains and agents). */
export function connectedOutputParser(
  ctx: NodeRunContext,
  itemIndex: number,
): Promise<SuppliedOutputParser | undefined> {
  return suppliedOptional(ctx, 'outputParser', itemIndex);
}

/** The prompt with the parser's format instructions appended. */
export function withFormatInstructions(prompt: string, parser: SuppliedOutputParser | undefined): string {
  return parser ? `${prompt}\n\n${parser.instructions}` : prompt;
}

/**
 * n8n's "Require Specific Output Format" (`hasOutputParser`): on (the default here),
 * a parser connected to the Output Parser input is applied; off, it is ignored as
 * n8n ignores it.
 */
export const outputParserParams = {
  hasOutputParser: p.boolean({
    label: 'Require Specific Output Format',
    default: true,
    description:
      'Apply the parser connected to the Output Parser input: its format instructions go into the prompt and the answer is parsed with it.',
  }),
};

/** The parser a chain or agent applies: connected, with "Require Specific Output Format" on. */
export function appliedOutputParser(
  ctx: NodeRunContext,
  params: { hasOutputParser?: boolean | undefined },
  itemIndex: number,
): Promise<SuppliedOutputParser | undefined> {
  if (params.hasOutputParser === false) return Promise.resolve(undefined);
  return connectedOutputParser(ctx, itemIndex);
}
