import { runtimeError } from '../expression-error.ts';
import type { ExpressionError } from '../expression-error.ts';

export type Extension = (value: never, args: unknown[]) => unknown;
export type ExtensionTable = Readonly<Record<string, Extension>>;

export function extensionError(name: string, message: string): ExpressionError {
  return runtimeError(`${name}(): ${message}`);
}

/** A comparison key for deep equality of JSON-like values. */
export function valueKey(value: unknown): string {
  if (value === null || typeof value !== 'object') return `${typeof value}:${String(value)}`;
  try {
    return `json:${JSON.stringify(value)}`;
  } catch {
    return `object:${String(value)}`;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
