/** Anything thrown while evaluating → an ExpressionError naming the node and parameter. */
import { ExpressionError, limitError, runtimeError } from './expression-error.ts';

export function messageOf(value: unknown): string {
  if (value instanceof Error) return value.message || value.name;
  if (value === null || value === undefined) return String(value);
  if (typeof value !== 'object') return String(value);
  const message = Object.hasOwn(value, 'message') ? Reflect.get(value, 'message') : undefined;
  if (typeof message === 'string') return message;
  try {
    return JSON.stringify(value) ?? 'Unknown error';
  } catch {
    return 'Unknown error';
  }
}

export function toExpressionError(
  error: unknown,
  node: string,
  parameter: string | undefined,
): ExpressionError {
  let failure: ExpressionError;
  if (error instanceof ExpressionError) failure = error;
  else if (error instanceof RangeError && /call stack/i.test(error.message)) {
    failure = limitError('Expression exceeded the maximum call depth (endless recursion?)');
  } else if (error instanceof RangeError && /string length|array length/i.test(error.message)) {
    failure = limitError(`Expression result too large: ${error.message}`);
  } else {
    failure = runtimeError(messageOf(error), { cause: error instanceof Error ? error : undefined });
  }
  failure.node ??= node;
  failure.parameter ??= parameter;
  return failure;
}
