// biome-ignore-all lint/suspicious/noTemplateCurlyInString: template literals here are expression source
import { afterEach, describe, expect, it } from 'vitest';
import { ExpressionError } from './index.ts';
import { testEnv } from './test-env.ts';

const input = { list: [3, 1, 2], obj: { a: 1 }, name: 'x' };
const snapshot = JSON.stringify(input);
const env = testEnv({ items: [input] });

function attempt(source: string): ExpressionError {
  try {
    env.evaluate(source, 0, 'value');
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    if (error instanceof ExpressionError) {
      expect(error.node).toBe('Current');
      expect(error.parameter).toBe('value');
      return error;
    }
  }
  throw new Error(`expected ${source} to fail`);
}

afterEach(() => {
  // No escape may leave a trace in the host realm or in shared data.
  expect(Reflect.get({}, 'polluted')).toBeUndefined();
  expect(Reflect.get([], 'polluted')).toBeUndefined();
  expect(Reflect.get(Object.prototype, 'x')).toBeUndefined();
  expect(JSON.stringify(input)).toBe(snapshot);
  expect(typeof globalThis.process.exit).toBe('function');
});

describe('escape attempts fail cleanly', () => {
  it.each([
    '={{ $json.constructor.constructor("return process")() }}',
    '={{ [].map.constructor("return process")() }}',
    '={{ "".constructor.constructor("return this")() }}',
    '={{ (() => 1).constructor("return process")() }}',
    '={{ $json["constr" + "uctor"] }}',
    '={{ $json[{ toString: () => "constructor" }] }}',
    '={{ $json.list[["constructor"]] }}',
    '={{ ({}).__proto__.polluted = 1 }}',
    '={{ ({})["__pro" + "to__"].polluted = 1 }}',
    '={{ Object.prototype.polluted = 1 }}',
    '={{ Object.assign(Object.prototype, { polluted: 1 }) }}',
    '={{ Object.defineProperty({}, "a", { get: () => 1 }) }}',
    '={{ Object.getPrototypeOf({}).polluted = 1 }}',
    '={{ Object.setPrototypeOf({}, null) }}',
    '={{ Object.getOwnPropertyDescriptors(Object) }}',
    '={{ Function("return process")() }}',
    '={{ new Function("return process")() }}',
    '={{ globalThis.process }}',
    '={{ this }}',
    '={{ (function () { return this })() }}',
    '={{ process.exit(1) }}',
    '={{ require("fs") }}',
    '={{ import("fs") }}',
    '={{ import.meta }}',
    '={{ eval("1") }}',
    '={{ Reflect.ownKeys({}) }}',
    '={{ new Proxy({}, {}) }}',
    '={{ Symbol.iterator }}',
    '={{ WebAssembly }}',
    '={{ arguments }}',
    '={{ (() => { const { constructor: c } = $json; return c })() }}',
    '={{ (() => { const { ["constr" + "uctor"]: c } = $json; return c })() }}',
    '={{ ({ get x() { return 1 } }) }}',
    '={{ ({ set x(v) {} }) }}',
    '={{ ({ __proto__: { polluted: 1 } }) }}',
    '={{ ({})["__defineGetter__"]("polluted", () => 1) }}',
    '={{ ({}).__lookupGetter__("__proto__") }}',
    '={{ Error.captureStackTrace($json) }}',
    '={{ Error.prepareStackTrace = () => 1 }}',
    '={{ RegExp.$1 }}',
    '={{ DateTime.prototype }}',
    '={{ DateTime.now().constructor }}',
    '={{ new (() => 1)() }}',
    '={{ new Intl.NumberFormat().constructor }}',
    '={{ (() => { try { null.x } catch (e) { return e.constructor } })() }}',
    '={{ (() => { function f() { return f.caller } return f() })() }}',
    '={{ (() => { const f = () => 1; return f["call" + "er"] })() }}',
    '={{ $jmespath.arguments }}',
    '={{ [].map.callee }}',
  ])('%s', (source) => {
    const error = attempt(source);
    expect(['EXPRESSION_FORBIDDEN', 'EXPRESSION_RUNTIME', 'EXPRESSION_SYNTAX']).toContain(error.code);
  });

  it('allows data fields named like function internals (OpenAI tool calls use function.arguments)', () => {
    const data = testEnv({ items: [{ function: { arguments: '{"a":1}' }, caller: 'Ada', callee: 'Bob' }] });
    expect(data.evaluate('={{ JSON.parse($json.function.arguments).a }}', 0)).toBe(1);
    expect(data.evaluate('={{ $json["caller"] + $json.callee }}', 0)).toBe('AdaBob');
    expect(data.evaluate('={{ (({ caller }) => caller)($json) }}', 0)).toBe('Ada');
  });

  it('rejects reaching host globals at compile time with a clear message', () => {
    const error = attempt('={{ process.env }}');
    expect(error.code).toBe('EXPRESSION_FORBIDDEN');
    expect(error.message).toContain('"process" is not available in expressions');
    expect(attempt('={{ $json.constructor }}').code).toBe('EXPRESSION_FORBIDDEN');
    expect(attempt('={{ import("x") }}').code).toBe('EXPRESSION_FORBIDDEN');
  });
});

describe('shared data is read-only', () => {
  it.each([
    '={{ $json.name = "y" }}',
    '={{ $json.obj.a++ }}',
    '={{ $json.obj.a += 1 }}',
    '={{ delete $json.name }}',
    '={{ $json.list.push(4) }}',
    '={{ $json.list.pop() }}',
    '={{ $json.list.splice(0, 1) }}',
    '={{ $json.list.fill(0) }}',
    '={{ $json.list.length = 0 }}',
    '={{ $input.all()[0].json.name = "y" }}',
    '={{ $input.first().json.obj.a = 2 }}',
    '={{ Object.assign($json, { polluted: 1 }) }}',
    '={{ Object.freeze($json) }}',
    '={{ [].push.call($json.list, 4) }}',
    '={{ [].push.apply($json.list, [4]) }}',
    '={{ [].push.bind($json.list)(4) }}',
    '={{ [1].forEach([].push, $json.list) }}',
    '={{ [[1]].map([].push.call, [].push) && [$json.list].map([].push.call, [].push) }}',
    '={{ (() => { const l = $json.list; l[5] = 1; return l })() }}',
    '={{ Math.polluted = 1 }}',
    '={{ JSON.parse = 1 }}',
    '={{ $workflow.name = "x" }}',
  ])('%s', (source) => {
    expect(attempt(source).code).toBe('EXPRESSION_FORBIDDEN');
  });

  it('hides host stack traces', () => {
    expect(env.evaluate('={{ (() => { try { null.x } catch (e) { return e.stack } })() }}', 0)).toBe(
      "TypeError: Cannot read properties of null (reading 'x')",
    );
    expect(env.evaluate('={{ new Error("m").stack }}', 0)).toBe('Error: m');
  });

  it('sorts and reverses a copy of shared arrays', () => {
    expect(env.evaluate('={{ $json.list.sort() }}', 0)).toEqual([1, 2, 3]);
    expect(env.evaluate('={{ $json.list.reverse() }}', 0)).toEqual([2, 1, 3]);
    expect(input.list).toEqual([3, 1, 2]);
  });

  it('lets the expression change what it created', () => {
    expect(env.evaluate('={{ (() => { const o = { ...$json }; o.name = "y"; return o.name })() }}', 0)).toBe(
      'y',
    );
    expect(env.evaluate('={{ (() => { const l = [...$json.list]; l.push(4); return l })() }}', 0)).toEqual([
      3, 1, 2, 4,
    ]);
    expect(
      env.evaluate('={{ (() => { const l = $json.list.map(x => x); l.push(9); return l.length })() }}', 0),
    ).toBe(4);
    expect(env.evaluate('={{ Object.assign({}, $json.obj, { b: 2 }) }}', 0)).toEqual({ a: 1, b: 2 });
  });

  it('does not let __proto__ keys in data pollute prototypes', () => {
    const src =
      '={{ (() => { const p = JSON.parse(\'{"__proto__": {"polluted": 1}}\'); const a = { ...p }; const b = Object.assign({}, p); const c = Object.fromEntries([["__proto__", { polluted: 1 }]]); return [a.polluted, b.polluted, c.polluted, ({}).polluted] })() }}';
    expect(env.evaluate(src, 0)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('budgets', () => {
  it.each([
    '={{ (() => { while (true) {} })() }}',
    '={{ (() => { for (;;) {} })() }}',
    '={{ (() => { let i = 0; do { i++ } while (true) })() }}',
    '={{ (() => { try { while (true) {} } catch (e) { return "swallowed" } })() }}',
    '={{ (() => { const f = (n) => f(n + 1); return f(0) })() }}',
    '={{ (() => { const f = (n) => { try { return f(n + 1) } catch { return f(n + 1) } }; return f(0) })() }}',
    '={{ "x".repeat(1e9) }}',
    '={{ "x".padStart(1e9) }}',
    '={{ "x".padEnd(2e8, "ab") }}',
    '={{ (() => { let s = "x"; while (true) s += s })() }}',
    '={{ (() => { let s = "x"; for (let i = 0; i < 40; i++) s = `${s}${s}` ; return s.length })() }}',
    '={{ (() => { let a = [1]; for (let i = 0; i < 40; i++) a = [...a, ...a]; return a.length })() }}',
    '={{ (() => { let a = [1]; for (let i = 0; i < 40; i++) a = a.concat(a); return a.length })() }}',
    '={{ new Array(1e9).fill(0) }}',
    '={{ Array.from({ length: 1e9 }) }}',
    '={{ (() => { const a = []; a.length = 1e9; return a.join("x") })() }}',
    '={{ (() => { const a = []; a[1e9] = 1; return a.map(x => x) })() }}',
    '={{ Array(1e8).join("abc") }}',
    '={{ Object.assign([], { length: 1e9 }) }}',
    '={{ "a".repeat(1e6).replaceAll("a", "b".repeat(1000)) }}',
    '={{ "a".repeat(1e6).replace(/a/g, "b".repeat(1000)) }}',
    '={{ [1, 2].map(() => { while (true) {} }) }}',
    '={{ String({ toString: () => { while (true) {} } }) }}',
  ])('%s', (source) => {
    expect(attempt(source).code).toBe('EXPRESSION_LIMIT');
  });

  it('explains which budget ran out', () => {
    expect(attempt('={{ (() => { while (true) {} })() }}').message).toContain('steps');
    expect(attempt('={{ (() => { const f = () => f(); return f() })() }}').message).toContain('depth');
    expect(attempt('={{ "ab".repeat(6e6) }}').message).toContain('characters');
  });

  it('resets budgets between evaluations', () => {
    const src = '={{ (() => { let n = 0; for (let i = 0; i < 600000; i++) n++; return n })() }}';
    expect(env.evaluate(src, 0)).toBe(600000);
    expect(env.evaluate(src, 0)).toBe(600000);
  });

  it('survives deeply nested source', () => {
    const deep = `={{ ${'['.repeat(20000)}${']'.repeat(20000)} }}`;
    expect(['EXPRESSION_LIMIT', 'EXPRESSION_SYNTAX']).toContain(attempt(deep).code);
  });
});
