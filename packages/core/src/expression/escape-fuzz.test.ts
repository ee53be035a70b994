/**
 * Grammar-based fuzzer of the expression sandbox (issue 8). A seeded generator
 * builds expressions from member access (computed `__proto__`, `constructor`,
 * `prototype` keys included), calls, spreads, helper functions, extension
 * methods, Luxon and arrow functions, plus write attempts on whatever they
 * produce. After every evaluation: nothing reachable from the result is a host
 * intrinsic or a shared object treated as writable, the intrinsics' own keys
 * and descriptors are unchanged, and the input items are unchanged.
 * Deterministic: the same seed generates the same expressions on every run.
 */
import { describe, expect, it } from 'vitest';
import { testEnv } from './test-env.ts';
import {
  baseShared,
  collectShared,
  type Finding,
  intrinsicsSnapshot,
  snapshotChanges,
  walkReachable,
} from './test-reach.ts';

const SEED = 0x8e5cafe;
const COUNT = 2000;

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ATOMS = [
  '$json',
  '$json.list',
  '$json.obj',
  '$json.obj.nested',
  '$json.name',
  '$input.all()',
  '$input.first()',
  '$input.item',
  '$("Current").item',
  '$items()',
  '$execution.customData',
  '$workflow',
  '$vars',
  '$now',
  '{}',
  '[]',
  '[1, 2, 3]',
  '{ a: 1, b: [2] }',
  '"__proto__"',
  '"constructor"',
  '"prototype"',
  '"abc"',
  '0',
  '1',
  'null',
  'undefined',
  'Object',
  'Array',
  'JSON',
  'Math',
  'String',
  'Number',
  'Date',
  'RegExp',
  'Error',
  'Intl',
  'DateTime',
  'Duration',
  'Interval',
  'DateTime.now()',
  'Duration.fromObject({ hours: 1 })',
  'Interval.after(DateTime.now(), { days: 1 })',
  'new Map([["a", $json]])',
  'new Set([$json])',
  'new Date(0)',
  '/a(b)?/g',
  '((x) => x)',
  '(() => $json)',
  '$jmespath',
  '$if',
  '$ifEmpty',
];

const KEYS = [
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'valueOf',
  'length',
  'a',
  'list',
  'obj',
  'nested',
  'call',
  'apply',
  'bind',
  'caller',
  'arguments',
  'callee',
  '0',
  'json',
  'loc',
  'c',
  'o',
  'zone',
  'values',
  'keys',
  'from',
  'assign',
  'parse',
  '__defineGetter__',
  '__lookupGetter__',
  'hasOwnProperty',
];

const COMPUTED_KEYS = [
  '"__pro" + "to__"',
  '"constr" + "uctor"',
  '"proto" + "type"',
  '["__proto__"]',
  '{ toString: () => "constructor" }',
  'String.fromCharCode(95, 95, 112, 114, 111, 116, 111, 95, 95)',
  '"con".concat("structor")',
];

const METHODS = [
  'map((x) => x)',
  'filter(Boolean)',
  'concat($json)',
  'slice()',
  'push(1)',
  'push($json)',
  'splice(0, 1)',
  'fill(0)',
  'sort()',
  'reverse()',
  'join()',
  'flat()',
  'entries()',
  'keys()',
  'values()',
  'at(0)',
  'toString()',
  'valueOf()',
  'toJSON()',
  'toObject()',
  'plus(1, "day")',
  'minus({ days: 1 })',
  'set({ year: 2020 })',
  'setZone("UTC")',
  'toISO()',
  'get("a")',
  'set("a", 1)',
  'add(1)',
  'split("")',
  'match(/./g)',
  'replace(/a/, "b")',
  'call($json)',
  'apply(null, [$json])',
  'bind($json)',
  'first()',
  'last()',
  'keys()',
  'merge($json)',
  'pluck("a")',
  'compact()',
  'removeField("a")',
  'unique()',
  'chunk(1)',
  'toJsonString()',
  'parseJson()',
  'isEmpty()',
  'toDateTime()',
  'hasField("a")',
];

const JMES = [
  '@',
  '\\"__proto__\\"',
  'constructor',
  'list',
  'obj',
  '\\"__proto__\\".constructor',
  'list[0]',
  '*',
  'obj.nested',
  'toString',
];

function generator(seed: number) {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const expr = (depth: number): string => {
    if (depth <= 0) return pick(ATOMS);
    const d = depth - 1;
    switch (Math.floor(rnd() * 16)) {
      case 0:
        return `${expr(d)}.${pick(KEYS)}`;
      case 1:
        return `${expr(d)}?.[${rnd() < 0.5 ? JSON.stringify(pick(KEYS)) : pick(COMPUTED_KEYS)}]`;
      case 2:
        return `${expr(d)}.${pick(METHODS)}`;
      case 3:
        return `${expr(d)}(${expr(d)})`;
      case 4:
        return `[...${expr(d)}]`;
      case 5:
        return `({ ...${expr(d)}, ...${expr(d)} })`;
      case 6:
        return `$jmespath(${expr(d)}, "${pick(JMES)}")`;
      case 7:
        return `$if(${expr(d)}, ${expr(d)}, ${expr(d)})`;
      case 8:
        return `$ifEmpty(${expr(d)}, ${expr(d)})`;
      case 9:
        return pick([
          `JSON.parse(JSON.stringify(${expr(d)}))`,
          `JSON.parse("{}", (k, v) => ${expr(d)})`,
          `JSON.parse("[1]", (k, v) => k === "0" ? ${expr(d)} : v)`,
        ]);
      case 10:
        return pick([
          `Object.assign(${expr(d)}, ${expr(d)})`,
          `Object.assign({}, ${expr(d)})`,
          `Object.fromEntries(Object.entries(${expr(d)}))`,
          `Object.keys(${expr(d)})`,
          `Object.values(${expr(d)})`,
        ]);
      case 11:
        return pick([
          `Array.from(${expr(d)})`,
          `Array.of(${expr(d)})`,
          `Array.from(${expr(d)}, (x) => ${expr(d)})`,
        ]);
      case 12:
        return `((x) => ${expr(d)})(${expr(d)})`;
      case 13:
        return pick([
          `DateTime.fromObject(${expr(d)})`,
          `DateTime.utc(${expr(d)})`,
          `Duration.fromObject(${expr(d)})`,
          `DateTime.now().set(${expr(d)})`,
        ]);
      case 14:
        // Write attempts on whatever came out: only a fresh copy may change.
        return `(() => { const v = ${expr(d)}; v[${pick(COMPUTED_KEYS)}] = 1; v.polluted = 1; v.push?.(1); return v })()`;
      default:
        return `(() => { const v = ${expr(d)}; v.${pick(['a', 'list', 'obj', 'zone', 'loc', 'c'])} = ${expr(d)}; return v })()`;
    }
  };
  return () => expr(1 + Math.floor(rnd() * 4));
}

describe('grammar fuzzer: generated expressions never reach or change the host', () => {
  it(`evaluates ${COUNT} generated expressions (seed ${SEED.toString(16)}) without finding a host object`, () => {
    const input = { list: [3, 1, 2], obj: { a: 1, nested: { b: [1, { c: 2 }] } }, name: 'Ada' };
    const json = JSON.stringify(input);
    const shared = collectShared([input], 8, baseShared());
    const env = testEnv({ items: [input] });
    const before = intrinsicsSnapshot();
    const next = generator(SEED);
    const findings: Finding[] = [];
    const broken: string[] = [];
    let ok = 0;
    let current = '';
    const $probe = (value: unknown) => {
      for (const f of walkReachable(value, shared, { depth: 2, maxNodes: 150 })) {
        findings.push({ ...f, path: `${current} → ${f.path}` });
      }
      return true;
    };
    for (let i = 0; i < COUNT; i++) {
      current = next();
      try {
        env.evaluate(`={{ $probe(${current}) }}`, 0, 'fuzz', { $probe });
        ok++;
      } catch {
        // Refused or failed: fine, as long as nothing changed (checked below).
      }
      if (JSON.stringify(input) !== json || Reflect.get({}, 'polluted') !== undefined) {
        broken.push(current);
        break;
      }
    }
    expect(findings).toEqual([]);
    expect(broken).toEqual([]);
    expect(snapshotChanges(before, intrinsicsSnapshot())).toEqual([]);
    // The grammar must exercise the sandbox, not only produce errors.
    expect(ok).toBeGreaterThan(COUNT * 0.25);
  });

  it('is deterministic for a seed', () => {
    const a = generator(7);
    const b = generator(7);
    for (let i = 0; i < 50; i++) expect(a()).toBe(b());
  });
});
