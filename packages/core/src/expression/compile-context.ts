import type { Node } from 'acorn';
import { type ExpressionError, syntaxError } from './expression-error.ts';

/** Where the code being compiled sits, for errors with positions. */
export interface CompileContext {
  code: string;
  /** Offset of `code` inside the whole template. */
  base: number;
}

export function unsupported(ctx: CompileContext, node: Node, what: string): ExpressionError {
  return syntaxError(`${what} is not supported in expressions`, ctx.code, node.start, ctx.base);
}

export function forbiddenAt(ctx: CompileContext, node: Node, message: string): ExpressionError {
  return syntaxError(message, ctx.code, node.start, ctx.base, 'EXPRESSION_FORBIDDEN');
}

/** Names that would reach the host: rejected at compile time. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  'globalThis',
  'global',
  'window',
  'self',
  'process',
  'require',
  'module',
  'exports',
  'Function',
  'AsyncFunction',
  'GeneratorFunction',
  'eval',
  'Reflect',
  'Proxy',
  'Symbol',
  'WebAssembly',
  'arguments',
  'Buffer',
  '__dirname',
  '__filename',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'fetch',
  'XMLHttpRequest',
  'Worker',
  'SharedArrayBuffer',
  'Atomics',
  'Promise',
  'WeakRef',
  'FinalizationRegistry',
  'importScripts',
  'structuredClone',
]);
