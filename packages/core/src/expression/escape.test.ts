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
    '={{ (() => { let o = {}; for (let i = 0; i < 5000; i++) o = { ...o, ["k" + i]: i }; return Object.keys(o).length })() }}',
    '={{ (() => { let o = {}; for (let i = 0; i < 5000; i++) o = Object.assign({}, o, { ["k" + i]: i }); return 1 })() }}',
    '={{ String({ toString: () => { while (true) {} } }) }}',
  ])('%s', (source) => {
    // Whichever budget runs out first: one result's size, or the evaluation's cumulative memory.
    expect(['EXPRESSION_LIMIT', 'EXPRESSION_MEMORY_LIMIT']).toContain(attempt(source).code);
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

describe('issue 8: helper results are never host objects nor writable references', () => {
  it.each([
    `={{ $jmespath({}, '"__proto__"') }}`,
    `={{ (() => { const p = $jmespath({}, '"__proto__"'); p.polluted = 1; return ({}).polluted })() }}`,
    `={{ Object.assign($jmespath({}, '"__proto__"'), { NODE_OPTIONS: "--require /tmp/x.js" }) }}`,
  ])('%s', (source) => {
    expect(attempt(source).code).toBe('EXPRESSION_FORBIDDEN');
    expect(Reflect.get({}, 'NODE_OPTIONS')).toBeUndefined();
  });

  it('never lets a chain through a prototype run code', () => {
    expect(env.evaluate(`={{ $jmespath([], '"__proto__"') }}`, 0)).toBeNull();
    const error = attempt(`={{ $jmespath({}, '"__proto__".constructor.constructor')("return process")() }}`);
    expect(error.message).toContain('is not a function');
  });

  it('gives $jmespath and JSON.parse results as copies: changing them leaves the input items alone', () => {
    expect(
      env.evaluate(
        `={{ (() => { const p = $jmespath($json, '@'); p.obj.a = 5; p.list.push(9); return [p.obj.a, $json.obj.a, p.list.length] })() }}`,
        0,
      ),
    ).toEqual([5, 1, 4]);
    expect(
      env.evaluate(`={{ (() => { const p = $jmespath($json, 'obj'); p.a = 7; return $json.obj.a })() }}`, 0),
    ).toBe(1);
    expect(
      env.evaluate(
        `={{ (() => { const p = JSON.parse('{}', (k, v) => $json); p.obj.a = 6; return [p.obj.a, $json.obj.a] })() }}`,
        0,
      ),
    ).toEqual([6, 1]);
    expect(
      env.evaluate(
        `={{ (() => { const p = JSON.parse('[1]', (k, v) => k === '0' ? $json.list : v); p[0].push(4); return $json.list.length })() }}`,
        0,
      ),
    ).toBe(3);
  });

  it('keeps Luxon from writing to the arguments it is given', () => {
    expect(env.evaluate('={{ DateTime.utc($json).isValid }}', 0)).toBe(true);
    expect(Object.keys(input)).toEqual(['list', 'obj', 'name']);
  });

  it.each([
    '={{ (() => 1).toString() }}',
    '={{ String((x) => x) }}',
    '={{ `${(x) => x}` }}',
    '={{ ((x) => x) + "" }}',
    '={{ [(x) => x].join() }}',
    '={{ new Error((x) => x).message }}',
    '={{ "".concat((x) => x) }}',
    '={{ Object.keys({ [(x) => x]: 1 })[0] }}',
    '={{ "".split.toString() }}',
    '={{ String("".split) }}',
    '={{ $jmespath.toString() }}',
    '={{ String($input.all) }}',
    '={{ String($) }}',
    '={{ String(Object.keys) }}',
    '={{ String(JSON.parse) }}',
    '={{ (() => 1).toString.toString() }}',
    '={{ "".split.toString.toString() }}',
    '={{ [Math.max.bind(null, 1)].join() }}',
    '={{ [Object.keys, $jmespath, $input.first, (x) => x].join().split(",").length === 4 ? String($if) : "" }}',
  ])('%s prints native code, not the interpreter source', (source) => {
    expect(env.evaluate(source, 0)).toMatch(/^function [\w$]*\(\) \{ \[native code\] \}$/);
  });
});

describe('issue 8: memory budget per evaluation', () => {
  it.each([
    '={{ (() => { const a = []; for (let i = 0; i < 100; i++) a.push("x".repeat(9e6) + i); return a.length })() }}',
    '={{ (() => { const a = []; for (let i = 0; i < 100; i++) a.push(("x".repeat(9e6) + i).toUpperCase()); return a.length })() }}',
    '={{ (() => { const a = []; const s = "x".repeat(9e6); for (let i = 0; i < 100; i++) a.push(`${s}${i}`); return a.length })() }}',
    '={{ (() => { const a = []; for (let i = 0; i < 40; i++) a.push(new Array(1e6).fill(i)); return a.length })() }}',
  ])('%s', (source) => {
    const error = attempt(source);
    expect(error.code).toBe('EXPRESSION_MEMORY_LIMIT');
    expect(error.message).toContain('memory budget');
  });

  it('lets ordinary string building through (appending is charged for the appended part)', () => {
    const src =
      '={{ (() => { let s = ""; for (let i = 0; i < 20000; i++) s += "0123456789012345678901234567890123456789012345678"; return s.length })() }}';
    expect(env.evaluate(src, 0)).toBe(980000);
    expect(
      env.evaluate('={{ Array.from({ length: 100000 }, (_, i) => i).map(String).join(",").length }}', 0),
    ).toBe(588889);
  });

  it('cannot be caught inside the expression and resets between evaluations', () => {
    const src =
      '={{ (() => { try { const a = []; for (let i = 0; i < 100; i++) a.push("x".repeat(9e6) + i) } catch (e) { return "caught" } })() }}';
    expect(attempt(src).code).toBe('EXPRESSION_MEMORY_LIMIT');
    const half =
      '={{ (() => { const a = []; for (let i = 0; i < 5; i++) a.push("x".repeat(9e6) + i); return a.length })() }}';
    expect(env.evaluate(half, 0)).toBe(5);
    expect(env.evaluate(half, 0)).toBe(5);
  });
});

describe('issue 8: regular expressions run in linear time', () => {
  const bomb = 'c'.repeat(27);
  const hostile = testEnv({ items: [{ text: `${bomb}x`, long: `${'c'.repeat(200_000)}x` }] });

  it.each([
    '={{ /(c+)+$/.test($json.text) }}',
    '={{ /(c+)+$/.test($json.long) }}',
    '={{ new RegExp("(c+)+$").test($json.long) }}',
    '={{ RegExp("(c+)+$").test($json.long) }}',
    '={{ $json.long.match("(c+)+$") }}',
    '={{ $json.long.match(/(c+)+$/g) }}',
    '={{ $json.long.search("(c+)+$") }}',
    '={{ [...$json.long.matchAll("(c+)+$")].length }}',
    '={{ $json.long.replace(/(c+)+$/, "y").length }}',
    '={{ $json.long.split(/(c+)+$/).length }}',
    '={{ /(x+x+)+y/.test("x".repeat(100000)) }}',
  ])('%s finishes (no catastrophic backtracking)', (source) => {
    // Linear time: these would run for hours on a backtracking engine.
    const result = hostile.evaluate(source, 0);
    expect([false, null, -1, 0, 1, 2, 200_001]).toContain(result);
  });

  it("runs the extensions' own patterns in linear time on hostile text", () => {
    // Quadratic on V8's engine: 200,000 quotes took minutes in isEmail / extractDomain / removeMarkdown.
    const e = testEnv({
      items: [{ q: '"'.repeat(200_000), stars: '*'.repeat(200_000), lt: '<'.repeat(200_000) }],
    });
    expect(
      e.evaluate('={{ [$json.q.isEmail(), $json.q.extractDomain(), $json.q.extractEmail()] }}', 0),
    ).toEqual([false, undefined, undefined]);
    expect(
      e.evaluate('={{ $json.stars.removeMarkdown().length + $json.lt.removeTags().length }}', 0),
    ).toBeGreaterThan(0);
  });

  it('keeps the JavaScript regex surface', () => {
    const e = testEnv({ items: [{ s: 'Ada Lovelace, 1815-12-10; Alan Turing, 1912-06-23' }] });
    expect(e.evaluate('={{ $json.s.match(/\\d{4}/g) }}', 0)).toEqual(['1815', '1912']);
    expect(
      e.evaluate('={{ $json.s.replace(/(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})/g, "$<d>.$<m>.$<y>") }}', 0),
    ).toBe('Ada Lovelace, 10.12.1815; Alan Turing, 23.06.1912');
    expect(e.evaluate('={{ $json.s.match(/(?<first>\\w+) (?<last>\\w+)/).groups.last }}', 0)).toBe(
      'Lovelace',
    );
    expect(e.evaluate('={{ $json.s.split(/[,;]\\s*/) }}', 0)).toEqual([
      'Ada Lovelace',
      '1815-12-10',
      'Alan Turing',
      '1912-06-23',
    ]);
    expect(e.evaluate('={{ /ada/i.test($json.s) }}', 0)).toBe(true);
    expect(e.evaluate('={{ "a\\nb".match(/^b$/m)[0] }}', 0)).toBe('b');
    expect(e.evaluate('={{ /a.b/s.test("a\\nb") }}', 0)).toBe(true);
    expect(e.evaluate('={{ [...$json.s.matchAll(/(\\d{4})/g)].map(m => m.index) }}', 0)).toEqual([14, 39]);
    expect(e.evaluate('={{ (() => { const r = /\\d+/g; r.exec($json.s); return r.lastIndex })() }}', 0)).toBe(
      18,
    );
    expect(e.evaluate('={{ $json.s.replace(/\\d/g, (d) => String(9 - Number(d))).slice(14, 24) }}', 0)).toBe(
      '8184-87-89',
    );
    expect(e.evaluate('={{ /x/ instanceof RegExp }}', 0)).toBe(true);
    expect(e.evaluate('={{ "a *b* c".replace(/\\*(\\S.*?)(?<!\\s)\\*/g, "<i>$1</i>") }}', 0)).toBe(
      'a <i>b</i> c',
    );
  });

  it('refuses what RE2 cannot run in linear time, with a clear error', () => {
    const literal = attempt('={{ /(a)\\1/.test("aa") }}');
    expect(literal.code).toBe('EXPRESSION_SYNTAX');
    expect(literal.message).toContain('linear-time engine');
    for (const pattern of ['"(a)\\\\1"', '"(?=a)"', '"(?<=(a))b"', '"(?!a)"']) {
      const error = attempt(`={{ new RegExp(${pattern}) }}`);
      expect(error.code).toBe('EXPRESSION_RUNTIME');
      expect(error.message).toContain('linear-time engine');
    }
  });
});
