import { GuixuError } from '@guixu/core';
import type { z } from 'zod';
import { HttpCodes } from './http-errors.ts';
import { assertStorableText, type InputPart } from './text-check.ts';

export type { InputPart } from './text-check.ts';

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

/** Validates one part of a request; a failure is a 400 listing each failing field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: InputPart): z.output<S> {
  assertStorableText(value, part);
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
