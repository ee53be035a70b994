import { describe, expect, it } from 'vitest';
import { checkTemplate, ExpressionError } from './index.ts';
import { testEnv } from './test-env.ts';

function errorOf(fn: () => unknown): ExpressionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw new Error(`expected an ExpressionError, got ${String(error)}`);
  }
  throw new Error('expected an error');
}

describe('templates', () => {
  const env = testEnv({ items: [{ a: 1, name: 'Ada', list: [1, 2, 3], obj: { x: 1 }, none: null }] });

  it('returns the raw value of a single segment', () => {
    expect(env.evaluate('={{ $json.a + 1 }}', 0)).toBe(2);
    expect(env.evaluate('={{ $json.list }}', 0)).toEqual([1, 2, 3]);
    expect(env.evaluate('=  {{ $json.a }}\n', 0)).toBe('  1\n');
    expect(env.evaluate('={{ $json.none }}', 0)).toBeNull();
  });

  it('renders mixed text like n8n', () => {
    expect(env.evaluate('=Hi {{ $json.name }}!', 0)).toBe('Hi Ada!');
    expect(env.evaluate('={{ $json.obj }} and {{ $json.list }}', 0)).toBe('[object Object] and 1,2,3');
    expect(env.evaluate('=[{{ $json.none }}{{ $json.missing }}]', 0)).toBe('[]');
    expect(env.evaluate('=plain', 0)).toBe('plain');
    expect(env.evaluate('=', 0)).toBe('');
    expect(env.evaluate('not an expression', 0)).toBe('not an expression');
  });

  it('shows a function result as n8n shows a native one, never the interpreter source', () => {
    // A common slip: a method without its call parentheses.
    expect(env.evaluate('={{ $json.name.toUpperCase }}', 0)).toBe('function toUpperCase() { [native code] }');
    expect(env.evaluate('=x {{ $json.name.split }}', 0)).toBe('x function split() { [native code] }');
    expect(env.evaluate('={{ (x) => x }}', 0)).toBe('function () { [native code] }');
    expect(env.evaluate('=f: {{ () => $json.a }}', 0)).toBe('f: function () { [native code] }');
  });

  it('is not confused by braces inside strings, templates and objects', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the template literal is expression source
    expect(env.evaluate('={{ "}}" + `${1}}}` }}', 0)).toBe('}}1}}');
    expect(env.evaluate('={{ {a: {b: 1}} }}', 0)).toEqual({ a: { b: 1 } });
    expect(env.evaluate("=x{{ '{{' }}y", 0)).toBe('x{{y');
    expect(env.evaluate('={{ /}}/.test("}}") }}', 0)).toBe(true);
    expect(env.evaluate('=a {{ unclosed', 0)).toBe('a {{ unclosed');
  });

  it('checkTemplate reports syntax errors with a position', () => {
    const error = errorOf(() => checkTemplate('=Hello {{ $json.a + }}'));
    expect(error.code).toBe('EXPRESSION_SYNTAX');
    expect(error.message).toContain('line 1, column');
    expect(error.message).toContain('^');
    expect(error.details?.position).toBe(20);
    expect(() => checkTemplate('={{ $json.a }}')).not.toThrow();
    expect(errorOf(() => checkTemplate('={{ process.exit() }}')).code).toBe('EXPRESSION_FORBIDDEN');
    // n8n fails on an empty `{{}}` too ("invalid syntax").
    expect(errorOf(() => checkTemplate('={{}}')).code).toBe('EXPRESSION_SYNTAX');
  });

  it('checkTemplate never runs the expression', () => {
    expect(() => checkTemplate('={{ (() => { while (true) {} })() }}')).not.toThrow();
    expect(() => checkTemplate('plain text')).not.toThrow();
  });

  it('names the node and the parameter in errors', () => {
    const error = errorOf(() => env.evaluate('={{ $json.obj.a.b }}', 0, 'options.value'));
    expect(error.code).toBe('EXPRESSION_RUNTIME');
    expect(error.message).toBe("Cannot read properties of undefined (reading 'b')");
    expect(error.node).toBe('Current');
    expect(error.parameter).toBe('options.value');
  });
});
