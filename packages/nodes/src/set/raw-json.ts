import { GuixuError, type NodeRunContext } from '@guixu/core';
import { parseRelaxedJson } from './relaxed-json.ts';

/** `{{ … }}` segments, found the way n8n finds them (up to the first `}}`). */
const RESOLVABLE = /\{\{[\s\S]*?\}\}/g;

function invalidJson(itemIndex: number, attempted: string, original: string): GuixuError {
  return new GuixuError('SET_INVALID_JSON', `The 'JSON Output' in item ${itemIndex} contains invalid JSON`, {
    parameter: 'jsonOutput',
    details: { itemIndex },
    description: attempted === original ? original : `${attempted};\n Original input: ${original}`,
  });
}

/** Parses JSON Output text into the object whose keys the Set node writes. */
export function parseJsonOutput(value: unknown, itemIndex: number): Record<string, unknown> {
  let data: unknown = value;
  if (typeof value === 'string') {
    const parsed = parseRelaxedJson(value);
    if (!parsed.ok) throw invalidJson(itemIndex, parsed.attempted, value);
    data = parsed.value;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new GuixuError(
      'SET_INVALID_JSON',
      `The 'JSON Output' in item ${itemIndex} does not contain a valid JSON object`,
      { parameter: 'jsonOutput', details: { itemIndex } },
    );
  }
  return data as Record<string, unknown>;
}

/**
 * Resolves each `{{ }}` of a JSON Output template on its own and splices the
 * results into the text (objects as JSON), as n8n does, so that objects from
 * expressions become JSON instead of `[object Object]`.
 */
export function resolveJsonTemplate<P>(ctx: NodeRunContext<P>, template: string, itemIndex: number): string {
  return template.replace(RESOLVABLE, (resolvable) => {
    let value: unknown;
    try {
      value = ctx.evaluate(`=${resolvable}`, itemIndex);
    } catch (error) {
      if (error instanceof GuixuError && !error.parameter) error.parameter = 'jsonOutput';
      throw error;
    }
    if (typeof value === 'object' && value !== null) return JSON.stringify(value);
    return String(value);
  });
}
