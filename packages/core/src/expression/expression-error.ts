import { GuixuError, type GuixuErrorOptions } from '../errors.ts';

/**
 * Codes: EXPRESSION_SYNTAX (bad syntax, `details.position`), EXPRESSION_FORBIDDEN
 * (escape attempts), EXPRESSION_RUNTIME (a JS-like runtime failure),
 * EXPRESSION_LIMIT (a step, depth or size budget ran out), EXPRESSION_MEMORY_LIMIT
 * (the evaluation created more string characters or array elements in total
 * than its memory budget allows).
 */
export class ExpressionError extends GuixuError {
  constructor(code: string, message: string, options: GuixuErrorOptions = {}) {
    super(code, message, options);
    this.name = 'ExpressionError';
  }
}

export function runtimeError(message: string, options: GuixuErrorOptions = {}): ExpressionError {
  return new ExpressionError('EXPRESSION_RUNTIME', message, options);
}

export function forbidden(message: string, options: GuixuErrorOptions = {}): ExpressionError {
  return new ExpressionError('EXPRESSION_FORBIDDEN', message, {
    description: 'Expressions run in a sandbox: only data, the $ variables and safe built-ins are reachable.',
    ...options,
  });
}

export function limitError(message: string): ExpressionError {
  return new ExpressionError('EXPRESSION_LIMIT', message, {
    description:
      'Expressions have budgets for steps, call depth and result size; simplify it or use a Code node.',
  });
}

export function memoryLimitError(message: string): ExpressionError {
  return new ExpressionError('EXPRESSION_MEMORY_LIMIT', message, {
    description:
      'One evaluation may create a bounded amount of text and list elements in total; build less data, or use a Code node.',
  });
}

/** Errors a user `try/catch` inside an expression must never swallow. */
export function isUncatchable(error: unknown): boolean {
  return (
    error instanceof ExpressionError &&
    (error.code === 'EXPRESSION_LIMIT' ||
      error.code === 'EXPRESSION_MEMORY_LIMIT' ||
      error.code === 'EXPRESSION_FORBIDDEN')
  );
}

/** Line/column (1-based) of `offset` in `code`, plus a caret snippet of that line. */
export function locate(code: string, offset: number): { line: number; column: number; snippet: string } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < code.length; i++) {
    if (code.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  let lineEnd = code.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = code.length;
  const column = offset - lineStart + 1;
  const text = code.slice(lineStart, lineEnd);
  const snippet = `${text}\n${' '.repeat(Math.max(0, column - 1))}^`;
  return { line, column, snippet };
}

/** A syntax error at `offset` inside the expression `code`, which starts at `base` in the template. */
export function syntaxError(
  reason: string,
  code: string,
  offset: number,
  base: number,
  kind: 'EXPRESSION_SYNTAX' | 'EXPRESSION_FORBIDDEN' = 'EXPRESSION_SYNTAX',
): ExpressionError {
  const { line, column, snippet } = locate(code, offset);
  const message = `${reason} (line ${line}, column ${column})\n${snippet}`;
  const options: GuixuErrorOptions = {
    details: { position: base + offset, line, column, expression: code },
  };
  return kind === 'EXPRESSION_FORBIDDEN'
    ? forbidden(message, options)
    : new ExpressionError(kind, message, options);
}
