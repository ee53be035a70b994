import { GuixuError } from '@guixu/core';
import type { z } from 'zod';
import { HttpCodes } from './http-errors.ts';

export type InputPart = 'body' | 'query' | 'path';

export interface FieldIssue {
  /** Dotted path of the failing field (`nodes[0].name`); empty for the whole part. */
  field: string;
  message: string;
  code: string;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

const MAX_ISSUES = 50;

/** Path of the first string (or key) holding a NUL character, which PostgreSQL cannot store. */
export function findNul(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return at;
      const found = findNul(child, at);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Validates one part of a request; a failure is a 400 listing each failing field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: InputPart): z.output<S> {
  const nul = findNul(value);
  if (nul !== undefined) {
    const where =
      part === 'path' ? 'path parameter' : part === 'query' ? 'query parameter' : 'request body field';
    throw new GuixuError(
      HttpCodes.validation,
      `Invalid ${where} ${nul || '(value)'}: NUL characters (\\u0000) are not allowed`,
      {
        details: {
          in: part,
          issues: [{ field: nul, message: 'NUL characters are not allowed', code: 'nul_character' }],
        },
      },
    );
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => ({ field: fieldPath(issue.path), message: issue.message, code: issue.code }));
  const where = part === 'path' ? 'path parameters' : part === 'query' ? 'query string' : 'request body';
  const first = issues[0];
  const summary = first ? `${first.field ? `${first.field}: ` : ''}${first.message}` : 'invalid';
  const more = issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
  throw new GuixuError(HttpCodes.validation, `Invalid ${where}: ${summary}${more}`, {
    details: { in: part, issues },
  });
}
