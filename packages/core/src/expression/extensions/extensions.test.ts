import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { testEnv } from '../test-env.ts';

const env = testEnv({
  items: [
    {
      s: 'hello world',
      list: [1, 2, 2, 3],
      people: [
        { name: 'Ada', age: 36 },
        { name: 'Bob', age: 25 },
      ],
      obj: { a: 1, b: null, c: 'keep me', d: '' },
    },
  ],
  timezone: 'UTC',
  now: () => Date.UTC(2026, 10, 22, 12),
});
const at = (code: string) => env.evaluate(`={{ ${code} }}`, 0);

describe('string extensions', () => {
  it.each([
    ['"".isEmpty()', true],
    ['"x".isNotEmpty()', true],
    ['$json.s.toTitleCase()', 'Hello World'],
    ['"the lord of the rings".toTitleCase()', 'The Lord of the Rings'],
    ['"hello. how ARE you? fine".toSentenceCase()', 'Hello. How are you? Fine'],
    ['"Hello World-foo".toSnakeCase()', 'hello_world_foo'],
    ['"hello big world".toCamelCase()', 'helloBigWorld'],
    ['"hello".capitalize()', 'Hello'],
    ['"write to ada@example.com now".extractEmail()', 'ada@example.com'],
    ['"see https://example.com/a?b=1 here".extractUrl()', 'https://example.com/a?b=1'],
    ['"https://www.example.com/path".extractDomain()', 'www.example.com'],
    ['"ada@example.org".extractDomain()', 'example.org'],
    ['"https://example.com/a/b?x=1".extractUrlPath()', '/a/b'],
    ['"ada@example.com".isEmail()', true],
    ['"not an email".isEmail()', false],
    ['"https://example.com".isUrl()', true],
    ['"example.com".isDomain()', true],
    ['"12.5".isNumeric()', true],
    ['"12a".isNumeric()', false],
    ['"$12.50".toNumber()', 12.5],
    ['"42px".toInt()', 42],
    ['"3.25".toFloat()', 3.25],
    ['"yes".toBoolean()', true],
    ['"false".toBoolean()', false],
    ['"0".toBoolean()', false],
    ['"2026-01-02T03:04:05Z".toDateTime().toUTC().hour', 3],
    ['"02/01/2026".toDateTime("dd/MM/yyyy").month', 1],
    ['"2026-01-02".toDate().getFullYear()', 2026],
    ['"a\\"b".toJsonString()', '"a\\"b"'],
    ['\'{"a":[1]}\'.parseJson().a', [1]],
    ['"<p>Hi <b>there</b></p>".removeTags()', 'Hi there'],
    ['"**bold** and [link](http://x)".removeMarkdown()', 'bold and link'],
    ['"Crème brûlée".replaceSpecialChars()', 'Creme brulee'],
    ['"a b&c".urlEncode()', 'a%20b%26c'],
    ['"a%20b".urlDecode()', 'a b'],
    ['"héllo".base64Encode()', 'aMOpbGxv'],
    ['"aMOpbGxv".base64Decode()', 'héllo'],
    ['\'say "hi"\'.quote()', '"say \\"hi\\""'],
  ])('%s', (code, expected) => {
    expect(at(code)).toEqual(expected);
  });

  it.each([
    'md5',
    'sha1',
    'sha224',
    'sha256',
    'sha384',
    'sha512',
    'sha3-224',
    'sha3-256',
    'sha3-384',
    'sha3-512',
    'ripemd160',
  ])('hash(%s) matches node:crypto', (algorithm) => {
    for (const text of ['', 'hello world', 'héllo wörld ✓', 'x'.repeat(200)]) {
      const want = createHash(algorithm).update(text).digest('hex');
      expect(env.evaluate(`={{ ${JSON.stringify(text)}.hash(${JSON.stringify(algorithm)}) }}`, 0)).toBe(want);
    }
    expect(at('"abc".hash()')).toBe(createHash('md5').update('abc').digest('hex'));
    expect(at('"abc".hash("base64")')).toBe('YWJj');
    expect(() => at('"abc".hash("sha4")')).toThrow('hash(): unknown algorithm "sha4"');
  });

  it.each([
    // Published vectors (RFC 1321, FIPS 180-4 / FIPS 202 examples, the RIPEMD-160 paper).
    ['md5', '', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['sha1', 'abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['sha256', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['SHA3-256', 'abc', '3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532'],
    [
      'sha3',
      'abc',
      'b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0',
    ],
    ['ripemd160', '', '9c1185a5c5e9fc54612808977ee8f548b2258d31'],
    ['ripemd160', 'abc', '8eb208f7e05d987a9b044a8e98c6b087f15a0bfc'],
  ])('hash(%s) of %j is the published vector', (algorithm, text, want) => {
    expect(at(`${JSON.stringify(text)}.hash(${JSON.stringify(algorithm)})`)).toBe(want);
  });

  it('native string methods win', () => {
    expect(at('"abc".includes("b")')).toBe(true);
    expect(at('"abc".at(-1)')).toBe('c');
  });

  it('reports a clear error for impossible conversions', () => {
    expect(() => at('"abc".toNumber()')).toThrow('toNumber(): cannot convert "abc" to a number');
    expect(() => at('"{bad".parseJson()')).toThrow('parseJson(): parsing failed');
  });
});

describe('array extensions', () => {
  it.each([
    ['$json.list.sum()', 8],
    ['$json.list.average()', 2],
    ['$json.list.min()', 1],
    ['$json.list.max()', 3],
    ['$json.list.unique()', [1, 2, 3]],
    ['$json.list.removeDuplicates()', [1, 2, 3]],
    ['[{ a: 1, b: 1 }, { a: 1, b: 2 }].unique("a")', [{ a: 1, b: 1 }]],
    ['$json.list.first()', 1],
    ['$json.list.last()', 3],
    ['[0, null, "", undefined, "x", {}].compact()', [0, 'x']],
    ['[].isEmpty()', true],
    ['$json.list.isNotEmpty()', true],
    ['$json.people.pluck("name")', ['Ada', 'Bob']],
    [
      '$json.people.pluck("name", "age")',
      [
        { name: 'Ada', age: 36 },
        { name: 'Bob', age: 25 },
      ],
    ],
    ['[1, 2, 3, 4, 5].chunk(2)', [[1, 2], [3, 4], [5]]],
    ['[1, 2, 3].difference([2])', [1, 3]],
    ['[1, 2, 3].intersection([2, 3, 4])', [2, 3]],
    ['[1, 2].union([2, 3])', [1, 2, 3]],
    ['[{ a: 1 }, { b: 2 }].merge()', { a: 1, b: 2 }],
    ['[{ a: 1 }].merge([{ a: 9, c: 3 }])', { a: 1, c: 3 }],
    ['[{ k: "x", v: 1 }, { k: "y", v: 2 }].smartJoin("k", "v")', { x: 1, y: 2 }],
    [
      '$json.people.renameKeys("name", "who")',
      [
        { who: 'Ada', age: 36 },
        { who: 'Bob', age: 25 },
      ],
    ],
    ['[1, 2].toJsonString()', '[1,2]'],
  ])('%s', (code, expected) => {
    expect(at(code)).toEqual(expected);
  });

  it('randomItem picks an element', () => {
    expect([1, 2, 2, 3]).toContain(at('$json.list.randomItem()'));
  });

  it('results can be changed by the expression', () => {
    expect(at('(() => { const u = $json.list.unique(); u.push(9); return u })()')).toEqual([1, 2, 3, 9]);
  });

  it('native array methods win', () => {
    expect(at('$json.list.includes(3)')).toBe(true);
    expect(() => at('["a"].sum()')).toThrow('sum(): all elements must be numbers');
  });
});

describe('number and boolean extensions', () => {
  it.each([
    ['(1.2345).round(2)', 1.23],
    ['(1.5).round()', 2],
    ['(1.7).floor()', 1],
    ['(1.2).ceil()', 2],
    ['(-3).abs()', 3],
    ['(4).isEven()', true],
    ['(3).isOdd()', true],
    ['(3.5).isInteger()', false],
    ['(0).toBoolean()', false],
    ['(1234.5).format("en-US")', '1,234.5'],
    ['(0.25).format("en-US", { style: "percent" })', '25%'],
    ['(1700000000).toDateTime("s").toUTC().year', 2023],
    ['(0).toDateTime().toMillis()', 0],
    ['true.toNumber()', 1],
    ['false.toInt()', 0],
    ['(12.34).toFixed(1)', '12.3'],
  ])('%s', (code, expected) => {
    expect(at(code)).toEqual(expected);
  });
});

describe('object extensions', () => {
  it.each([
    ['({}).isEmpty()', true],
    ['$json.obj.isNotEmpty()', true],
    ['$json.obj.keys()', ['a', 'b', 'c', 'd']],
    ['({ a: 1 }).values()', [1]],
    ['$json.obj.hasField("a")', true],
    ['$json.obj.removeField("a")', { b: null, c: 'keep me', d: '' }],
    ['$json.obj.compact()', { a: 1, c: 'keep me' }],
    ['$json.obj.removeFieldsContaining("keep")', { a: 1, b: null, d: '' }],
    ['$json.obj.keepFieldsContaining("keep")', { c: 'keep me' }],
    ['({ a: 1, b: "x y" }).urlEncode()', 'a=1&b=x+y'],
    ['({ a: 1 }).merge({ a: 2, b: 3 })', { a: 1, b: 3 }],
    ['({ a: [1] }).toJsonString()', '{"a":[1]}'],
  ])('%s', (code, expected) => {
    expect(at(code)).toEqual(expected);
  });

  it('leaves the shared object untouched', () => {
    at('$json.obj.removeField("a")');
    expect(at('$json.obj.a')).toBe(1);
  });
});

describe('date extensions', () => {
  it.each([
    ['$now.format("yyyy-MM-dd")', '2026-11-22'],
    ['$now.plus(5, "days").toISODate()', '2026-11-27'],
    ['$now.minus(1, "month").toISODate()', '2026-10-22'],
    ['$now.plus({ hours: 1 }).hour', 13],
    ['$now.beginningOf("month").toISODate()', '2026-11-01'],
    ['$now.endOfMonth().day', 30],
    ['$now.extract("month")', 11],
    ['$now.extract("year")', 2026],
    ['$now.isWeekend()', true],
    ['$now.diffTo("2026-11-20T12:00:00Z", "days")', 2],
    ['$now.isBetween("2026-01-01", "2027-01-01")', true],
    ['new Date("2026-11-22T12:00:00Z").plus(1, "day").toISOString()', '2026-11-23T12:00:00.000Z'],
    ['new Date("2026-11-22T12:00:00Z").format("yyyy")', '2026'],
    ['new Date("2026-11-22T12:00:00Z").toDateTime().toUTC().day', 22],
  ])('%s', (code, expected) => {
    expect(at(code)).toEqual(expected);
  });

  it('toDateTime on a DateTime returns a DateTime', () => {
    expect(DateTime.isDateTime(at('$now.toDateTime()'))).toBe(true);
  });
});
