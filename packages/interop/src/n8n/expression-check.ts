import { checkTemplate, isExpressionString } from '@guixu/core';

/**
 * n8n expression features GuixuFlow does not provide, found by a cheap text search.
 * Expressions are kept as written either way; this only tells the user where to look.
 */
const UNSUPPORTED: readonly [RegExp, string][] = [
  [/\$evaluateExpression\s*\(/, 'uses $evaluateExpression(), which is not available'],
  [/\$fromAI\s*\(/, 'uses $fromAI(), which only works in AI tool nodes'],
];

function* expressions(value: unknown, path: string): Generator<[string, string]> {
  if (isExpressionString(value)) yield [value, path];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* expressions(v, `${path}[${i}]`);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* expressions(v, path ? `${path}.${k}` : k);
}

/** Warnings for expressions in `parameters` that GuixuFlow cannot parse or does not support. */
export function checkExpressions(parameters: Record<string, unknown>): string[] {
  const warnings: string[] = [];
  for (const [source, path] of expressions(parameters, '')) {
    for (const [pattern, message] of UNSUPPORTED) {
      if (pattern.test(source)) warnings.push(`Parameter ${path} ${message}.`);
    }
    try {
      checkTemplate(source);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      warnings.push(`Parameter ${path} has an expression GuixuFlow cannot parse: ${message}`);
    }
  }
  return warnings;
}
