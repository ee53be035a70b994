import { testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import removeDuplicates from './remove-duplicates.node.ts';

const items = [
  { id: 1, email: 'a@x.io', meta: { src: 'web', at: 1 } },
  { email: 'a@x.io', id: 1, meta: { at: 1, src: 'web' } },
  { id: 2, email: 'a@x.io', meta: { src: 'app', at: 2 } },
  { id: 3, email: 'b@x.io', meta: { src: 'web', at: 3 } },
];

describe('Remove Duplicates', () => {
  it('removes items equal in all fields, whatever the key order', async () => {
    const result = await testNode(removeDuplicates, { items });
    expect(result.json[0].map((i) => i.id)).toEqual([1, 2, 3]);
    expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }, { item: 3 }]);
  });

  it('compares selected fields, including nested ones', async () => {
    const byEmail = await testNode(removeDuplicates, {
      parameters: { compare: 'selectedFields', fieldsToCompare: 'email' },
      items,
    });
    expect(byEmail.json[0].map((i) => i.id)).toEqual([1, 3]);
    const bySource = await testNode(removeDuplicates, {
      parameters: { compare: 'selectedFields', fieldsToCompare: 'meta.src' },
      items,
    });
    expect(bySource.json[0].map((i) => i.id)).toEqual([1, 2]);
  });

  it('compares all fields except some', async () => {
    const result = await testNode(removeDuplicates, {
      parameters: { compare: 'allFieldsExcept', fieldsToExclude: 'id, meta.at' },
      items: [
        { id: 1, v: 'x', meta: { at: 1 } },
        { id: 2, v: 'x', meta: { at: 2 } },
        { id: 3, v: 'y', meta: { at: 3 } },
      ],
    });
    expect(result.json[0].map((i) => i.id)).toEqual([1, 3]);
  });

  it('keeps only the compared fields when asked', async () => {
    const result = await testNode(removeDuplicates, {
      parameters: {
        compare: 'selectedFields',
        fieldsToCompare: 'email, meta.src',
        options: { removeOtherFields: true },
      },
      items,
    });
    expect(result.json[0]).toEqual([
      { email: 'a@x.io', meta: { src: 'web' } },
      { email: 'a@x.io', meta: { src: 'app' } },
      { email: 'b@x.io', meta: { src: 'web' } },
    ]);
  });

  it('treats values of different types as different', async () => {
    const result = await testNode(removeDuplicates, {
      parameters: { compare: 'selectedFields', fieldsToCompare: 'v' },
      items: [{ v: 1 }, { v: '1' }, { v: 1 }, {}, { v: null }, {}],
    });
    expect(result.json[0]).toEqual([{ v: 1 }, { v: '1' }, {}, { v: null }]);
  });

  it('requires fields for the chosen comparison', async () => {
    const error = await testNodeError(removeDuplicates, { parameters: { compare: 'selectedFields' }, items });
    expect(error.code).toBe('REMOVE_DUPLICATES_NO_FIELDS');
    expect(error.parameter).toBe('fieldsToCompare');
  });
});
