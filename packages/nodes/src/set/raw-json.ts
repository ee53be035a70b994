import { GuixuError, type NodeRunContext } from '@guixu/core';
import { tokenizer, tokTypes } from 'acorn';
import { parseRelaxedJson } from './relaxed-json.ts';

/**
 * Where the `}}` closing a `{{` segment whose code starts at `start` is. Braces
 * are counted with acorn's tokenizer, so an object literal ending in `}}` or a
 * string containing `}}` does not end the segment early (n8n stops at the first `}}`).
 */
function closingBraces(text: string, start: number): number {
  const code = text.slice(start);
  let depth = 0;
  try {
    for (const token of tokenizer(code, { ecmaVersion: 'latest' })) {
      if (token.type === tokTypes.braceL || token.type === tokTypes.dollarBraceL) depth++;
      else if (token.type === tokTypes.braceR) {
        if (depth > 0) depth--;
        else if (code[token.end] === '}') return start + token.start;
      }
    }
  } catch {
    // Not valid code: fall back to the first `}}`; evaluating the segment reports the error.
  }
  return text.indexOf('}}', start);
}

/** Replaces every `{{ code }}` of `template` with `replace(code)`. */
function replaceSegments(template: string, replace: (code: string) => string): string {
  let out = '';
  let pos = 0;
  while (pos < template.length) {
    const open = template.indexOf('{{', pos);
    if (open < 0) break;
    const close = closingBraces(template, open + 2);
    if (close < 0) break;
    out += template.slice(pos, open) + replace(template.slice(open + 2, close));
    pos = close + 2;
  }
  return out + template.slice(pos);
}

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
  return replaceSegments(template, (code) => {
    let value: unknown;
    try {
      value = ctx.evaluate(`={{${code}}}`, itemIndex);
    } catch (error) {
      if (error instanceof GuixuError && !error.parameter) error.parameter = 'jsonOutput';
      throw error;
    }
    if (typeof value === 'object' && value !== null) return JSON.stringify(value);
    return String(value);
  });
}
