import { testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import renameKeys from './rename-keys.node.ts';

const keys = (...pairs: [string, string][]) => ({
  key: pairs.map(([currentKey, newKey]) => ({ currentKey, newKey })),
});
const regex = (searchRegex: string, replaceRegex: string, options: Record<string, unknown> = {}) => ({
  regexReplacement: { replacements: [{ searchRegex, replaceRegex, options }] },
});

describe('Rename Keys', () => {
  it('renames keys, moving them to the end, and skips missing ones', async () => {
    const input = { toBeRenamed: 'name', other: 1 };
    const result = await testNode(renameKeys, {
      parameters: { keys: keys(['toBeRenamed', 'Renamed'], ['missing', 'x']) },
      items: [input],
    });
    expect(result.json[0][0]).toEqual({ other: 1, Renamed: 'name' });
    expect(Object.keys(result.json[0][0])).toEqual(['other', 'Renamed']);
    expect(result.outputs[0][0].pairedItem).toEqual({ item: 0 });
    expect(input).toEqual({ toBeRenamed: 'name', other: 1 });
  });

  it('moves fields into and out of nested objects without touching the input', async () => {
    const input = { user: { first: 'Ann', last: 'Lee' }, id: 1 };
    const result = await testNode(renameKeys, {
      parameters: { keys: keys(['user.first', 'firstName'], ['id', 'meta.id']) },
      items: [input],
    });
    expect(result.json[0][0]).toEqual({ user: { last: 'Lee' }, firstName: 'Ann', meta: { id: 1 } });
    expect(input.user).toEqual({ first: 'Ann', last: 'Lee' });
  });

  it('renames keys matching a regex at every depth, with captures', async () => {
    const result = await testNode(renameKeys, {
      parameters: { additionalOptions: regex('^user_(\\w+)', '$1') },
      items: [{ user_name: 'Ann', nested: { user_age: 3 }, list: [{ user_x: 1 }] }],
    });
    expect(result.json[0][0]).toEqual({ name: 'Ann', nested: { age: 3 }, list: [{ x: 1 }] });
  });

  it('limits regex renames by depth and honours case-insensitivity', async () => {
    const result = await testNode(renameKeys, {
      parameters: { additionalOptions: regex('name', 'label', { depth: 0, caseInsensitive: true }) },
      items: [{ Name: 1, inner: { name: 2 } }],
    });
    expect(result.json[0][0]).toEqual({ inner: { name: 2 }, label: 1 });
  });

  it('reports an invalid regex naming the parameter and item', async () => {
    const error = await testNodeError(renameKeys, { parameters: { additionalOptions: regex('([', 'x') } });
    expect(error.code).toBe('RENAME_KEYS_INVALID_REGEX');
    expect(error.parameter).toBe('additionalOptions.regexReplacement.replacements[0].searchRegex');
    expect(error.message).toContain('[item 0]');
  });

  it('keeps binary data', async () => {
    const binary = { data: { id: 'f', mimeType: 'text/plain', fileSize: 1 } };
    const result = await testNode(renameKeys, {
      parameters: { keys: keys(['a', 'b']) },
      items: [{ json: { a: 1 }, binary }],
    });
    expect(result.outputs[0][0]).toEqual({ json: { b: 1 }, binary, pairedItem: { item: 0 } });
  });
});

describe('Rename Keys: expressions', () => {
  it('resolves new key names per item', async () => {
    const result = await testNode(renameKeys, {
      parameters: { keys: keys(['employee', '=employee{{ $if($json.employee.length > 1, "s", "") }}']) },
      items: [{ employee: ['a', 'b'] }, { employee: ['c'] }],
    });
    expect(result.json[0]).toEqual([{ employees: ['a', 'b'] }, { employee: ['c'] }]);
  });
});
