/** Template source → compiled closures, cached by source text. */
import { type Expression, parseExpressionAt, tokenizer } from 'acorn';
import type { CompileContext } from './compile-context.ts';
import { compileExpression } from './compile-expression.ts';
import { ExpressionError, limitError, syntaxError } from './expression-error.ts';
import type { Fn } from './runtime.ts';
import { Scope } from './scope.ts';
import { splitTemplate } from './template.ts';

export interface CompiledTemplate {
  /** Set when the template is exactly one `{{ }}` segment: its raw value is the result. */
  single: Fn | undefined;
  /** Text and code parts of a mixed template, rendered as a string. */
  parts: (string | Fn)[];
}

function acornReason(error: unknown): { reason: string; pos: number } | undefined {
  if (!(error instanceof SyntaxError)) return undefined;
  const pos = Reflect.get(error, 'pos');
  if (typeof pos !== 'number') return undefined;
  return { reason: error.message.replace(/\s*\(\d+:\d+\)$/, ''), pos };
}

export function compileCode(code: string, base: number): Fn {
  const ctx: CompileContext = { code, base };
  if (code.trim() === '')
    throw syntaxError('Empty expression: write something between {{ and }}', code, 0, base);
  let ast: Expression;
  try {
    // preserveParens: so `ast.end` covers a closing parenthesis of the whole expression.
    ast = parseExpressionAt(code, 0, { ecmaVersion: 'latest', sourceType: 'script', preserveParens: true });
    for (const token of tokenizer(code.slice(ast.end), { ecmaVersion: 'latest' })) {
      if (token.type.label !== ';') {
        throw syntaxError('Unexpected token after the expression', code, ast.end + token.start, base);
      }
    }
  } catch (error) {
    if (error instanceof ExpressionError) throw error;
    if (error instanceof RangeError) throw limitError('Expression is too deeply nested');
    const info = acornReason(error);
    if (info) throw syntaxError(info.reason, code, info.pos, base);
    throw error;
  }
  try {
    return compileExpression(ctx, ast, new Scope(null, true));
  } catch (error) {
    if (error instanceof RangeError) throw limitError('Expression is too deeply nested');
    throw error;
  }
}

export function compileTemplate(source: string): CompiledTemplate {
  const body = source.charCodeAt(0) === 61 /* = */ ? source.slice(1) : source;
  const base = source.length - body.length;
  const segments = splitTemplate(body, base);
  const codes = segments.filter((s) => s.kind === 'code');
  // Like n8n, only a template that is exactly one `{{ }}` returns the raw value;
  // any text around it, whitespace included, makes the result a string.
  if (codes.length === 1 && segments.length === 1) {
    const seg = codes[0];
    return { single: compileCode(seg.code, seg.offset), parts: [] };
  }
  const parts = segments.map((s) => (s.kind === 'text' ? s.text : compileCode(s.code, s.offset)));
  return { single: undefined, parts };
}

type Entry = CompiledTemplate | ExpressionError;

/** Two-generation LRU: hits in the young map cost one lookup; old entries are promoted on use. */
export class TemplateCache {
  private young = new Map<string, Entry>();
  private old = new Map<string, Entry>();
  constructor(private readonly capacity = 5_000) {}

  get(source: string): CompiledTemplate {
    let entry = this.young.get(source);
    if (entry === undefined) {
      entry = this.old.get(source);
      if (entry === undefined) {
        try {
          entry = compileTemplate(source);
        } catch (error) {
          if (!(error instanceof ExpressionError)) throw error;
          entry = error;
        }
      }
      this.put(source, entry);
    }
    if (entry instanceof ExpressionError) throw copyError(entry);
    return entry;
  }

  private put(source: string, entry: Entry): void {
    if (this.young.size >= this.capacity / 2) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(source, entry);
  }
}

function copyError(error: ExpressionError): ExpressionError {
  return new ExpressionError(error.code, error.message, {
    details: error.details,
    description: error.description,
  });
}

export const templateCache = new TemplateCache();
