/**
 * Splits a template (the text after `=`) into text and `{{ … }}` code segments.
 * Uses acorn's tokenizer so `}}` inside strings, template literals, regexes or
 * nested object literals does not end a segment early.
 */
import { tokenizer, tokTypes } from 'acorn';

export type Segment = { kind: 'text'; text: string } | { kind: 'code'; code: string; offset: number };

/** Index of the first `}` of the `}}` closing a segment whose code starts at `start`, or -1. */
function findClose(body: string, start: number): number {
  const code = body.slice(start);
  let depth = 0;
  try {
    for (const token of tokenizer(code, { ecmaVersion: 'latest' })) {
      if (token.type === tokTypes.braceL || token.type === tokTypes.dollarBraceL) depth++;
      else if (token.type === tokTypes.braceR) {
        if (depth === 0) {
          if (code.charCodeAt(token.end) === 125 /* } */) return start + token.start;
        } else depth--;
      }
    }
  } catch {
    // Invalid code: fall back to the first `}}`; compiling the segment reports the syntax error.
  }
  return body.indexOf('}}', start);
}

export function splitTemplate(body: string, base: number): Segment[] {
  const segments: Segment[] = [];
  let text = '';
  let pos = 0;
  while (pos < body.length) {
    const open = body.indexOf('{{', pos);
    if (open < 0) break;
    const start = open + 2;
    const close = findClose(body, start);
    if (close < 0) break;
    text += body.slice(pos, open);
    if (text) segments.push({ kind: 'text', text });
    text = '';
    segments.push({ kind: 'code', code: body.slice(start, close), offset: base + start });
    pos = close + 2;
  }
  text += body.slice(pos);
  if (text) segments.push({ kind: 'text', text });
  return segments;
}
