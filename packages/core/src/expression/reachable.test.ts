// biome-ignore-all lint/suspicious/noTemplateCurlyInString: template literals here are expression source
/**
 * Property test (issue 8): every value any helper, global, Luxon object,
 * extension method or native method can hand to an expression is walked the
 * way an expression could walk it; none may be a host intrinsic, a host
 * function's constructor, or shared state the evaluation may write.
 */
import { DateTime, Duration, Interval } from 'luxon';
import { describe, expect, it } from 'vitest';
import { arrayExtensions } from './extensions/array.ts';
import { dateExtensions } from './extensions/date.ts';
import { booleanExtensions, numberExtensions } from './extensions/number.ts';
import { objectExtensions } from './extensions/object.ts';
import { stringExtensions } from './extensions/string.ts';
import { GLOBALS } from './globals.ts';
import { own } from './owned.ts';
import { testEnv } from './test-env.ts';
import {
  baseShared,
  collectShared,
  type Finding,
  intrinsicsSnapshot,
  snapshotChanges,
  walkReachable,
} from './test-reach.ts';

const input = {
  list: [3, 1, 2],
  obj: { a: 1, nested: { b: [1, { c: 2 }] } },
  name: 'Ada',
  when: '2024-01-02T03:04:05Z',
};
const snapshot = JSON.stringify(input);
const shared = collectShared([input], 8, baseShared());

/** Representative argument lists, as expression source. */
const ARGS = ['', '1', '"day"', '1, "day"', '{ days: 1 }', '(x) => x', '$json', '"__proto__"'];

/** One sample per value kind an expression meets, with the names of the methods it can call. */
const SAMPLES: [string, () => unknown][] = [
  ['"Hello, World 42"', () => 'Hello, World 42'],
  ['42.5', () => 42.5],
  ['true', () => true],
  ['[3, 1, 2]', () => [3, 1, 2]],
  ['[{ a: 1, b: "x" }, { a: 2 }]', () => []],
  ['{ a: 1, b: { c: "x" } }', () => ({})],
  ['$json', () => input],
  ['$json.list', () => input.list],
  ['new Date(0)', () => new Date(0)],
  ['new Map([["a", 1]])', () => new Map()],
  ['new Set([1])', () => new Set()],
  ['/a(?<x>b)?/g', () => /a/g],
  ['new Error("m")', () => new Error('m')],
  ['new Intl.NumberFormat("en")', () => new Intl.NumberFormat('en')],
  ['DateTime.fromISO("2024-01-02T03:04:05Z")', () => DateTime.fromISO('2024-01-02T03:04:05Z')],
  ['Duration.fromObject({ hours: 2 })', () => Duration.fromObject({ hours: 2 })],
  [
    'Interval.fromDateTimes(DateTime.fromISO("2024-01-01"), DateTime.fromISO("2024-02-01"))',
    () => Interval.fromDateTimes(DateTime.fromISO('2024-01-01'), DateTime.fromISO('2024-02-01')),
  ],
  ['$now', () => DateTime.now()],
  ['$input', () => ({})],
  ['$execution.customData', () => ({})],
  ['$("Current")', () => ({})],
  ['(() => 1)', () => () => 1],
];

function methodNames(value: unknown): string[] {
  const names = new Set<string>();
  for (let o: unknown = value; o !== null && o !== undefined; o = Object.getPrototypeOf(o)) {
    if (o === Object.prototype) break;
    for (const name of Object.getOwnPropertyNames(o)) {
      const d = Object.getOwnPropertyDescriptor(o, name);
      if (typeof d?.value === 'function' && name !== 'constructor') names.add(name);
    }
  }
  for (const name of ['toString', 'valueOf', 'toLocaleString', 'hasOwnProperty', 'isPrototypeOf'])
    names.add(name);
  return [...names];
}

const EXTENSIONS: [string, Readonly<Record<string, unknown>>][] = [
  ['"Hello, World 42 ada@example.com https://x.org/p"', stringExtensions],
  ['42.5', numberExtensions],
  ['true', booleanExtensions],
  ['[3, 1, 2, { a: 1 }]', arrayExtensions],
  ['{ a: 1, b: "x", c: null }', objectExtensions],
  ['DateTime.fromISO("2024-01-02T03:04:05Z")', dateExtensions],
  ['new Date(0)', dateExtensions],
];

const HELPER_CALLS = [
  '$jmespath($json, "@")',
  '$jmespath($json, "obj")',
  '$jmespath($json, "obj.nested.b")',
  '$jmespath($json, "list[*]")',
  '$jmespath({}, "\\"__proto__\\"")',
  '$jmespath([], "\\"__proto__\\"")',
  '$jmespath({}, "constructor")',
  '$jmespath({}, "\\"__proto__\\".constructor")',
  '$jmespath({}, "toString")',
  '$jmespath($json, "*")',
  '$if(true, $json, 1)',
  '$ifEmpty({}, $json.obj)',
  '$max(1, 2)',
  '$min(1, 2)',
  '$input.all()',
  '$input.first()',
  '$input.item',
  '$("Current").all()',
  '$("Current").item',
  '$items()',
  '$execution.customData.getAll()',
  '$workflow',
  '$vars',
  '$prevNode',
  'JSON.parse("{\\"a\\": [1]}")',
  'JSON.parse("{}", (k, v) => $json)',
  'JSON.parse("[1]", (k, v) => $json.obj)',
  'JSON.parse("{\\"__proto__\\": {}}")',
  'JSON.stringify($json)',
  'Object.keys($json)',
  'Object.values($json)',
  'Object.entries($json)',
  'Object.fromEntries([["a", $json]])',
  'Object.assign({}, $json)',
  'Object.groupBy($json.list, (x) => x)',
  'Array.from($json.list)',
  'Array.from(new Map([[1, $json]]))',
  'Array.of($json)',
  '[...$json.list]',
  '({ ...$json })',
  'DateTime.now()',
  'DateTime.fromISO("2024-01-02")',
  'DateTime.local()',
  'Duration.fromMillis(1000)',
  'Interval.after(DateTime.now(), { days: 1 })',
];

/** Evaluates `source` with a `$probe` that walks its argument while ownership is live. */
function probe(source: string): { findings: Finding[]; ran: boolean } {
  const findings: Finding[] = [];
  let ran = false;
  const env = testEnv({ items: [input] });
  const $probe = (value: unknown) => {
    ran = true;
    findings.push(...walkReachable(value, shared));
    return true;
  };
  try {
    env.evaluate(`={{ $probe(${source}) }}`, 0, 'p', { $probe });
  } catch {
    // Refusing is fine; only values that come back are checked.
  }
  return { findings: findings.map((f) => ({ ...f, path: `${source} → ${f.path}` })), ran };
}

function probeAll(sources: string[]): { findings: Finding[]; ran: number } {
  const before = intrinsicsSnapshot();
  const findings: Finding[] = [];
  let ran = 0;
  for (const source of sources) {
    const r = probe(source);
    findings.push(...r.findings);
    if (r.ran) ran++;
  }
  expect(snapshotChanges(before, intrinsicsSnapshot())).toEqual([]);
  expect(JSON.stringify(input)).toBe(snapshot);
  return { findings, ran };
}

describe('nothing an expression can reach is a host intrinsic or writable shared state', () => {
  it('helpers and $ variables', () => {
    const { findings, ran } = probeAll(HELPER_CALLS);
    expect(findings).toEqual([]);
    expect(ran).toBeGreaterThan(HELPER_CALLS.length - 5);
  });

  it('globals and their statics, called with representative arguments', () => {
    const sources: string[] = [];
    for (const name of Object.keys(GLOBALS)) {
      sources.push(name);
      const value = GLOBALS[name];
      if (typeof value === 'function') for (const args of ARGS) sources.push(`${name}(${args})`);
      if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
        for (const member of Object.getOwnPropertyNames(value)) {
          if (['prototype', 'caller', 'arguments', 'constructor'].includes(member)) continue;
          sources.push(`${name}.${member}`);
          for (const args of ARGS) sources.push(`${name}.${member}(${args})`);
        }
      }
    }
    const { findings, ran } = probeAll(sources);
    expect(findings).toEqual([]);
    expect(ran).toBeGreaterThan(500);
  });

  it('every method of every kind of value, Luxon objects included', () => {
    const sources: string[] = [];
    for (const [sample, make] of SAMPLES) {
      for (const name of methodNames(make()))
        for (const args of ARGS) sources.push(`(${sample}).${name}(${args})`);
      sources.push(sample);
    }
    for (const name of methodNames(DateTime.now())) sources.push(`DateTime.now().${name}`);
    const { findings, ran } = probeAll(sources);
    expect(findings).toEqual([]);
    expect(ran).toBeGreaterThan(1000);
  });

  it('every extension method', () => {
    const sources: string[] = [];
    for (const [sample, table] of EXTENSIONS) {
      for (const name of Object.keys(table))
        for (const args of ARGS) sources.push(`(${sample}).${name}(${args})`);
    }
    const { findings, ran } = probeAll(sources);
    expect(findings).toEqual([]);
    expect(ran).toBeGreaterThan(300);
  });

  it('the walker does find an intrinsic and a writable shared object (it is not blind)', () => {
    const env = testEnv({ items: [input] });
    const found: Finding[] = [];
    env.evaluate('={{ $probe([1]) }}', 0, 'p', {
      $probe: () => {
        // Simulates the bug of issue 8: a shared object marked as created by the expression.
        own(input.obj);
        for (const value of [Object.prototype, Function, { data: input.obj }]) {
          found.push(...walkReachable(value, shared));
        }
        return true;
      },
    });
    expect(found.map((f) => f.problem)).toEqual([
      'host intrinsic Object.prototype',
      'host intrinsic function Function',
      'shared object treated as owned (writable)',
    ]);
  });
});
