import { testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import sort from './sort.node.ts';

const people = [
  { name: 'carol', age: 35, address: { city: 'Rome' } },
  { name: 'Alice', age: 30, address: { city: 'Oslo' } },
  { name: 'bob', age: 30, address: { city: 'Bern' } },
];

const by = (...fields: [string, string?][]) => ({
  sortField: fields.map(([fieldName, order]) => ({ fieldName, order: order ?? 'ascending' })),
});

describe('Sort: simple', () => {
  it('sorts by several fields, text case-insensitively, keeping pairing', async () => {
    const result = await testNode(sort, {
      parameters: { sortFieldsUi: by(['age', 'descending'], ['name']) },
      items: people,
    });
    expect(result.json[0].map((p) => p.name)).toEqual(['carol', 'Alice', 'bob']);
    expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
  });

  it('sorts by nested fields with dot notation', async () => {
    const result = await testNode(sort, {
      parameters: { sortFieldsUi: by(['address.city']) },
      items: people,
    });
    expect(result.json[0].map((p) => p.name)).toEqual(['bob', 'Alice', 'carol']);
    expect(result.outputs[0][0].pairedItem).toEqual({ item: 2 });
  });

  it('compares numbers numerically and puts missing values last', async () => {
    const result = await testNode(sort, {
      parameters: { sortFieldsUi: by(['n']) },
      items: [{ n: 10 }, {}, { n: 9 }, { n: '100' }],
    });
    expect(result.json[0]).toEqual([{ n: 9 }, { n: 10 }, { n: '100' }, {}]);
  });

  it('fails clearly when a field is in no item', async () => {
    const error = await testNodeError(sort, { parameters: { sortFieldsUi: by(['nope']) }, items: people });
    expect(error.code).toBe('SORT_FIELD_NOT_FOUND');
    expect(error.message).toBe("Couldn't find the field 'nope' in the input data");
    expect(error.parameter).toBe('sortFieldsUi.sortField[0].fieldName');
  });

  it('explains nested fields when dot notation is disabled', async () => {
    const error = await testNodeError(sort, {
      parameters: { sortFieldsUi: by(['address.city']), options: { disableDotNotation: true } },
      items: people,
    });
    expect(error.description).toContain('disable dot notation');
  });

  it('requires at least one field', async () => {
    const error = await testNodeError(sort, { items: people });
    expect(error.code).toBe('SORT_NO_FIELDS');
  });
});

describe('Sort: random and code', () => {
  it('shuffles all items', async () => {
    const items = Array.from({ length: 50 }, (_, n) => ({ n }));
    const result = await testNode(sort, { parameters: { type: 'random' }, items });
    expect(result.json[0].map((i) => i.n).sort((a, b) => Number(a) - Number(b))).toEqual(
      items.map((i) => i.n),
    );
    for (const item of result.outputs[0]) {
      expect(item.pairedItem).toEqual({ item: item.json.n });
    }
  });

  it('sorts with a sandboxed comparator', async () => {
    const result = await testNode(sort, {
      parameters: {
        type: 'code',
        code: 'return b.json.age - a.json.age || a.json.name.localeCompare(b.json.name);',
      },
      items: people,
    });
    expect(result.json[0].map((p) => p.name)).toEqual(['carol', 'Alice', 'bob']);
  });

  it('keeps the comparator away from the host', async () => {
    const error = await testNodeError(sort, {
      parameters: { type: 'code', code: "return typeof process === 'undefined' ? undefinedThing.x : 0;" },
      items: people,
    });
    expect(error.code).toBe('SORT_CODE_FAILED');
    expect(error.message).toContain('undefinedThing is not defined');
  });

  it('stops a comparator that never returns', async () => {
    process.env.GUIXU_CODE_TIMEOUT_MS = '300';
    const error = await testNodeError(sort, {
      parameters: { type: 'code', code: 'while (true) {} return 0;' },
      items: people,
    });
    delete process.env.GUIXU_CODE_TIMEOUT_MS;
    expect(error.code).toBe('SORT_CODE_TIMEOUT');
    expect(error.message).toBe('Sort code did not finish within 300 ms');
  });

  it('stops a comparator that uses too much memory', async () => {
    const error = await testNodeError(sort, {
      parameters: {
        type: 'code',
        code: 'const all = []; while (true) all.push(new Array(1e6).fill(1)); return 0;',
      },
      items: people,
    });
    expect(error.code).toBe('SORT_CODE_MEMORY_LIMIT');
  });

  it('requires a return statement', async () => {
    const error = await testNodeError(sort, {
      parameters: { type: 'code', code: 'a.json.x - b.json.x' },
      items: people,
    });
    expect(error.message).toBe("Sort code doesn't return. Please add a 'return' statement to your code");
  });
});
