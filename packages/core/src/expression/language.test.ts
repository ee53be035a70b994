// biome-ignore-all lint/suspicious/noTemplateCurlyInString: template literals here are expression source
import { describe, expect, it } from 'vitest';
import { ExpressionError } from './index.ts';
import { testEnv } from './test-env.ts';

const env = testEnv({
  items: [
    {
      n: 5,
      s: 'Hello',
      list: [
        { name: 'a', v: 1 },
        { name: 'b', v: 2 },
      ],
      obj: { x: 1, y: null },
      nums: [3, 1, 2],
    },
  ],
});
const run = (code: string) => env.evaluate(`={{ ${code} }}`, 0);

describe('language features', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['2 ** 10', 1024],
    ['7 % 3', 1],
    ['"a" + 1', 'a1'],
    ['1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3', true],
    ['1 == "1"', true],
    ['1 === "1"', false],
    ['null ?? "d"', 'd'],
    ['0 || "d"', 'd'],
    ['0 ?? "d"', 0],
    ['5 & 3 | 8 ^ 1', 9],
    ['~5', -6],
    ['-8 >> 1', -4],
    ['-8 >>> 28', 15],
    ['1 << 4', 16],
    ['!0', true],
    ['typeof $json.s', 'string'],
    ['typeof notDeclared', 'undefined'],
    ['typeof Math.max', 'function'],
    ['void 0', undefined],
    ['$json.n > 3 ? "big" : "small"', 'big'],
    ['(1, 2, 3)', 3],
    ['`n=${$json.n}, s=${$json.s.toUpperCase()}`', 'n=5, s=HELLO'],
    ['$json.obj?.x', 1],
    ['$json.missing?.x.y.z', undefined],
    ['$json.missing?.[0]', undefined],
    ['$json.missing?.()', undefined],
    ['$json.s?.toLowerCase()', 'hello'],
    ['$json.obj.nope?.()', undefined],
    ['"x" in $json.obj', true],
    ['[] instanceof Array', true],
    ['new Date(0) instanceof Date', true],
    ['/h(el)lo/i.test($json.s)', true],
    ['"a-b-c".replace(/-/g, "+")', 'a+b+c'],
    ['[...$json.nums, 4]', [3, 1, 2, 4]],
    ['({ ...$json.obj, z: 2 })', { x: 1, y: null, z: 2 }],
    ['({ ["k" + 1]: 1, s: $json.s })', { k1: 1, s: 'Hello' }],
    ['Math.max(...$json.nums)', 3],
    ['$json.list.map(({ name, v }) => name + v)', ['a1', 'b2']],
    ['$json.list.map(i => i.v).reduce((a, b) => a + b, 0)', 3],
    ['$json.list.filter(i => i.v > 1).map(i => i.name)', ['b']],
    ['$json.list.find(i => i.name === "b").v', 2],
    ['[[1, 2], [3]].flat()', [1, 2, 3]],
    ['Object.keys($json.obj)', ['x', 'y']],
    ['Object.entries({ a: 1 })', [['a', 1]]],
    ['Object.fromEntries([["a", 1]])', { a: 1 }],
    ['JSON.stringify({ a: [1] })', '{"a":[1]}'],
    ['JSON.parse(\'{"a":1}\').a', 1],
    ['Array.isArray($json.list)', true],
    ['Array.from({ length: 3 }, (_, i) => i * 2)', [0, 2, 4]],
    ['new Map([["a", 1]]).get("a")', 1],
    ['new Set([1, 1, 2]).size', 2],
    ['Array(3).fill(0).map((_, i) => i)', [0, 1, 2]],
    ['new Array(2).fill("x")', ['x', 'x']],
    ['String(12).padStart(4, "0")', '0012'],
    ['Number("3.5") + parseInt("2") + parseFloat("0.5")', 6],
    ['encodeURIComponent("a b")', 'a%20b'],
    ['btoa("hi") + atob("aGk=")', 'aGk=hi'],
    ['isNaN(NaN) && isFinite(1)', true],
    ['new Intl.NumberFormat("en-US").format(1234.5)', '1,234.5'],
    ['((a, b = 2, ...rest) => [a, b, rest])(1, undefined, 3, 4)', [1, 2, [3, 4]]],
    ['(([a, , b]) => a + b)([1, 2, 3])', 4],
    ['(({ a: { b } }) => b)({ a: { b: 7 } })', 7],
  ])('%s', (code, expected) => {
    expect(run(code)).toEqual(expected);
  });

  it('runs block-bodied arrows with statements', () => {
    const code = `(() => {
      let total = 0;
      const seen = [];
      for (let i = 0; i < 10; i++) {
        if (i % 2 === 0) continue;
        if (i > 7) break;
        total += i;
      }
      for (const item of $json.list) seen.push(item.name);
      for (const key in $json.obj) seen.push(key);
      let w = 0;
      while (w < 3) w++;
      do { w-- } while (w > 1);
      var hoisted = 'h';
      switch ($json.n) {
        case 1: seen.push('one'); break;
        case 5: seen.push('five');
        case 6: seen.push('fall'); break;
        default: seen.push('other');
      }
      let caught;
      try { null.x } catch (e) { caught = e.message } finally { seen.push('finally') }
      try { throw new Error('boom') } catch ({ message }) { seen.push(message) }
      function helper(x) { return x * 2 }
      return { total, seen, w, hoisted, caught, doubled: helper(21) };
    })()`;
    expect(run(code)).toEqual({
      total: 16,
      seen: ['a', 'b', 'x', 'y', 'five', 'fall', 'finally', 'boom'],
      w: 1,
      hoisted: 'h',
      caught: "Cannot read properties of null (reading 'x')",
      doubled: 42,
    });
  });

  it('gives closures in loops their own binding per iteration', () => {
    expect(
      run(
        '(() => { const fns = []; for (let i = 0; i < 3; i++) fns.push(() => i); return fns.map(f => f()) })()',
      ),
    ).toEqual([0, 1, 2]);
  });

  it('supports recursion within the depth budget', () => {
    expect(run('(() => { const fib = (n) => n < 2 ? n : fib(n - 1) + fib(n - 2); return fib(15) })()')).toBe(
      610,
    );
  });

  it('updates and compound-assigns locals and owned objects', () => {
    expect(
      run(
        '(() => { let a = 1; a += 2; a *= 3; a++; ++a; a--; let o = { n: 1 }; o.n += 1; o.n++; o.m ??= 5; o.m ||= 6; o.z &&= 1; return [a, o] })()',
      ),
    ).toEqual([10, { n: 3, m: 5 }]);
  });

  it('throws user errors as runtime errors', () => {
    try {
      run('(() => { throw new Error("custom failure") })()');
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      if (error instanceof ExpressionError) {
        expect(error.code).toBe('EXPRESSION_RUNTIME');
        expect(error.message).toBe('custom failure');
      }
    }
  });

  it.each([
    ['notDefined', 'notDefined is not defined'],
    ['$json.s.nope()', '$json.s.nope is not a function'],
    ['$json.missing.x', "Cannot read properties of undefined (reading 'x')"],
    ['null.x', "Cannot read properties of null (reading 'x')"],
    ['(() => { const c = 1; return c })() + undefinedFn()', 'undefinedFn is not defined'],
  ])('runtime error: %s', (code, message) => {
    expect(() => run(code)).toThrow(message);
  });

  it.each([
    ['1 +', 'EXPRESSION_SYNTAX'],
    ['a b', 'EXPRESSION_SYNTAX'],
    ['(() => { const c = 1; c = 2 })()', 'EXPRESSION_SYNTAX'],
    ['async () => 1', 'EXPRESSION_SYNTAX'],
    ['class A {}', 'EXPRESSION_SYNTAX'],
    ['tag`x`', 'EXPRESSION_SYNTAX'],
    ['undeclared = 1', 'EXPRESSION_FORBIDDEN'],
  ])('compile error: %s', (code, expected) => {
    expect(() => run(code)).toThrow(expect.objectContaining({ code: expected }));
  });

  it('reports positions on later lines', () => {
    try {
      env.evaluate('={{ [1,\n 2,\n 3 +] }}', 0);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      if (error instanceof ExpressionError) {
        expect(error.message).toContain('line 3, column 5');
        expect(error.details).toMatchObject({ line: 3, column: 5 });
      }
    }
  });

  it('can turn runtime errors into null like n8n text parameters', () => {
    const lenient = testEnv({ items: [{}], runtimeErrors: 'null' });
    // Recorded from n8n 2.8.4: a whole-value expression gives null, a failing part of a text renders as nothing.
    expect(lenient.evaluate('={{ $json.x.y }}', 0)).toBeNull();
    expect(lenient.evaluate('=a {{ $json.x.y }} b {{ 1 + 1 }}', 0)).toBe('a  b 2');
    expect(() => lenient.evaluate('={{ process }}', 0)).toThrow(ExpressionError);
    expect(() => lenient.evaluate('={{ "a".nope() }}', 0)).toThrow('"a".nope is not a function');
    expect(() => lenient.evaluate("={{ $('Missing').first() }}", 0)).toThrow('does not exist');
    expect(() => lenient.evaluate('={{ Object.assign($json, { a: 1 }) }}', 0)).toThrow(ExpressionError);
  });

  it('evaluates the same template against many items', () => {
    const many = testEnv({ items: [{ a: 1 }, { a: 2 }, { a: 3 }] });
    expect([0, 1, 2].map((i) => many.evaluate('={{ $json.a * 10 }}', i))).toEqual([10, 20, 30]);
  });
});
