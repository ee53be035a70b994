import { describe, expect, it } from 'vitest';
import {
  deleteField,
  getField,
  hasField,
  lastFieldKey,
  parseFieldPath,
  setField,
  splitFieldList,
} from './field-paths.ts';

describe('parseFieldPath', () => {
  it('splits dots and brackets like lodash', () => {
    expect(parseFieldPath('a.b[0].c')).toEqual(['a', 'b', '0', 'c']);
    expect(parseFieldPath('a["x.y"].z')).toEqual(['a', 'x.y', 'z']);
    expect(parseFieldPath("a['it\\'s']")).toEqual(['a', "it's"]);
    expect(parseFieldPath('plain')).toEqual(['plain']);
    expect(parseFieldPath('a..b')).toEqual(['a', '', 'b']);
    expect(parseFieldPath('.a')).toEqual(['', 'a']);
  });
});

describe('getField', () => {
  const data = { a: { b: [{ c: 1 }, { c: 2 }] }, 'x.y': 'direct', n: null };

  it('walks nested objects and arrays', () => {
    expect(getField(data, 'a.b[1].c')).toBe(2);
    expect(getField(data, 'a.b.0.c')).toBe(1);
    expect(getField(data, 'a.missing.deep')).toBeUndefined();
  });

  it('prefers an existing key containing dots', () => {
    expect(getField(data, 'x.y')).toBe('direct');
  });

  it('reads only the literal key with dot notation disabled', () => {
    expect(getField(data, 'a.b', true)).toBeUndefined();
    expect(getField({ 'a.b': 3 }, 'a.b', true)).toBe(3);
    expect(getField({ key: 4 }, "['key']", true)).toBe(4);
  });

  it('never reads inherited properties', () => {
    expect(getField({}, 'constructor')).toBeUndefined();
    expect(getField({}, '__proto__')).toBeUndefined();
    expect(getField({ a: {} }, 'a.toString')).toBeUndefined();
  });

  it('tells null apart from missing', () => {
    expect(hasField(data, 'n')).toBe(true);
    expect(hasField(data, 'nope')).toBe(false);
  });
});

describe('setField', () => {
  it('creates objects and arrays on the way', () => {
    const target: Record<string, unknown> = {};
    setField(target, 'a.b', 1);
    setField(target, 'list[1].name', 'x');
    expect(target).toEqual({ a: { b: 1 }, list: [undefined, { name: 'x' }] });
    expect(Array.isArray(target.list)).toBe(true);
  });

  it('does not mutate nested containers shared with another object', () => {
    const input = { user: { name: 'Ann', tags: ['a'] } };
    const output: Record<string, unknown> = { ...input };
    setField(output, 'user.name', 'Bob');
    setField(output, 'user.tags[1]', 'b');
    expect(input).toEqual({ user: { name: 'Ann', tags: ['a'] } });
    expect(output).toEqual({ user: { name: 'Bob', tags: ['a', 'b'] } });
  });

  it('replaces a primitive on the way with an object', () => {
    const target: Record<string, unknown> = { a: 'text' };
    setField(target, 'a.b', 1);
    expect(target).toEqual({ a: { b: 1 } });
  });

  it('writes the literal key when dot notation is disabled', () => {
    const target: Record<string, unknown> = {};
    setField(target, 'a.b', 1, true);
    expect(target).toEqual({ 'a.b': 1 });
  });

  it('stores __proto__ as data without touching prototypes', () => {
    const target: Record<string, unknown> = {};
    setField(target, '__proto__.polluted', 'yes');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(JSON.stringify(target)).toBe('{"__proto__":{"polluted":"yes"}}');
  });
});

describe('deleteField', () => {
  it('removes nested keys copy-on-write', () => {
    const input = { a: { b: 1, c: 2 }, d: 3 };
    const output: Record<string, unknown> = { ...input };
    deleteField(output, 'a.b');
    deleteField(output, 'd');
    deleteField(output, 'missing.path');
    expect(output).toEqual({ a: { c: 2 } });
    expect(input).toEqual({ a: { b: 1, c: 2 }, d: 3 });
  });

  it('removes only the literal key with dot notation disabled', () => {
    const output: Record<string, unknown> = { 'a.b': 1, a: { b: 2 } };
    deleteField(output, 'a.b', true);
    expect(output).toEqual({ a: { b: 2 } });
  });
});

describe('field lists', () => {
  it('splits comma-separated names and drops blanks', () => {
    expect(splitFieldList(' a, b.c ,, ')).toEqual(['a', 'b.c']);
    expect(splitFieldList(['x ', ''])).toEqual(['x']);
    expect(splitFieldList(undefined)).toEqual([]);
  });

  it('names a copied nested field by its last key', () => {
    expect(lastFieldKey('a.b.c')).toBe('c');
    expect(lastFieldKey('a.b.c', true)).toBe('a.b.c');
  });
});
