import { GuixuError } from '@guixu/core';
import { HttpCodes } from './http-errors.ts';

export type TextProblem = 'nul_character' | 'lone_surrogate';

// A high surrogate not followed by a low one, or a low one without a high one before it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(text: string): TextProblem | undefined {
  if (text.includes('\u0000')) return 'nul_character';
  return LONE_SURROGATE.test(text) ? 'lone_surrogate' : undefined;
}

const MESSAGES: Record<TextProblem, string> = {
  nul_character: 'NUL characters (\\u0000) are not allowed',
  lone_surrogate: 'unpaired UTF-16 surrogates (\\ud800-\\udfff alone) are not valid text',
};

/**
 * The first string or key, at any depth, that PostgreSQL cannot store as
 * text or jsonb: a NUL character or a lone surrogate (only a JSON `\u`
 * escape can make one). Its dotted path, or '' for the value itself.
 */
export function findUnstorableText(
  value: unknown,
  path = '',
): { path: string; problem: TextProblem } | undefined {
  if (typeof value === 'string') {
    const problem = problemOf(value);
    return problem === undefined ? undefined : { path, problem };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      const problem = problemOf(key);
      if (problem !== undefined) return { path: at, problem };
      const found = findUnstorableText(child, at);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export type InputPart = 'body' | 'query' | 'path';

const WHERE: Record<InputPart, string> = {
  body: 'request body field',
  query: 'query parameter',
  path: 'path parameter',
};

/** Throws VALIDATION_FAILED (400) naming the field when `value` holds text no database can store. */
export function assertStorableText(value: unknown, part: InputPart): void {
  const found = findUnstorableText(value);
  if (found === undefined) return;
  // The path itself may hold the bad character: show it escaped.
  const field = JSON.stringify(found.path).slice(1, -1);
  throw new GuixuError(
    HttpCodes.validation,
    `Invalid ${WHERE[part]} ${field || '(value)'}: ${MESSAGES[found.problem]}`,
    {
      details: { in: part, issues: [{ field, message: MESSAGES[found.problem], code: found.problem }] },
    },
  );
}
