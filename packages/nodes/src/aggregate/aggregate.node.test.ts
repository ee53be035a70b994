import { testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import aggregate from './aggregate.node.ts';

const fieldsOf = (...list: (string | [string, string])[]) => ({
  fieldToAggregate: list.map((entry) =>
    typeof entry === 'string'
      ? { fieldToAggregate: entry }
      : { fieldToAggregate: entry[0], renameField: true, outputFieldName: entry[1] },
  ),
});

const orders = [
  { id: 1, customer: { name: 'Ann' }, tags: ['a', 'b'], total: 10 },
  { id: 2, customer: { name: 'Bob' }, tags: ['c'], total: null },
  { id: 3, customer: { name: 'Ann' }, tags: [], total: 5 },
];

describe('Aggregate: individual fields', () => {
  it('collects values into lists, skipping null and missing ones', async () => {
    const result = await testNode(aggregate, {
      parameters: { fieldsToAggregate: fieldsOf('id', 'customer.name', ['total', 'totals']) },
      items: orders,
    });
    expect(result.json[0]).toEqual([{ id: [1, 2, 3], name: ['Ann', 'Bob', 'Ann'], totals: [10, 5] }]);
    expect(result.outputs[0][0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
  });

  it('keeps missing and null values when asked, and merges lists', async () => {
    const result = await testNode(aggregate, {
      parameters: {
        fieldsToAggregate: fieldsOf('total', 'tags', 'nope'),
        options: { keepMissing: true, mergeLists: true },
      },
      items: orders,
    });
    expect(result.json[0][0]).toEqual({
      total: [10, null, 5],
      tags: ['a', 'b', 'c'],
      nope: [null, null, null],
    });
    expect(result.hints).toEqual(["The field 'nope' wasn't found in any input item"]);
  });

  it('rejects two fields with the same output name', async () => {
    const error = await testNodeError(aggregate, {
      parameters: { fieldsToAggregate: fieldsOf('a.id', 'b.id') },
      items: orders,
    });
    expect(error.code).toBe('AGGREGATE_DUPLICATE_OUTPUT');
    expect(error.message).toBe("The 'id' output field is used more than once");
    expect(error.parameter).toBe('fieldsToAggregate.fieldToAggregate[1]');
  });

  it('requires at least one field', async () => {
    const error = await testNodeError(aggregate, { items: orders });
    expect(error.code).toBe('AGGREGATE_NO_FIELDS');
  });
});

describe('Aggregate: all item data', () => {
  it('puts every item into one list field', async () => {
    const result = await testNode(aggregate, {
      parameters: { aggregate: 'aggregateAllItemData', destinationFieldName: 'orders' },
      items: [{ a: 1 }, { a: 2 }],
    });
    expect(result.json[0]).toEqual([{ orders: [{ a: 1 }, { a: 2 }] }]);
  });

  it('keeps only specified fields and drops items left empty', async () => {
    const result = await testNode(aggregate, {
      parameters: { aggregate: 'aggregateAllItemData', include: 'specifiedFields', fieldsToInclude: 'id' },
      items: [{ id: 1, x: 1 }, { x: 2 }, { id: 3 }],
    });
    expect(result.json[0][0]).toEqual({ data: [{ id: 1 }, { id: 3 }] });
    expect(result.outputs[0][0].pairedItem).toEqual([{ item: 0 }, { item: 2 }]);
  });

  it('leaves out excluded fields', async () => {
    const result = await testNode(aggregate, {
      parameters: { aggregate: 'aggregateAllItemData', include: 'allFieldsExcept', fieldsToExclude: 'x' },
      items: [{ id: 1, x: 1 }],
    });
    expect(result.json[0][0]).toEqual({ data: [{ id: 1 }] });
  });

  it('collects binaries with unique keys', async () => {
    const file = (id: string, size: number) => ({ id, mimeType: 'image/png', fileSize: size });
    const items = [
      { json: { n: 1 }, binary: { data: file('f1', 10) } },
      { json: { n: 2 }, binary: { data: file('f2', 20) } },
      { json: { n: 3 }, binary: { data: file('f3', 10) } },
    ];
    const all = await testNode(aggregate, {
      parameters: { aggregate: 'aggregateAllItemData', options: { includeBinaries: true } },
      items,
    });
    expect(Object.keys(all.outputs[0][0].binary ?? {})).toEqual(['data', 'data_1', 'data_2']);
    const unique = await testNode(aggregate, {
      parameters: {
        aggregate: 'aggregateAllItemData',
        options: { includeBinaries: true, keepOnlyUnique: true },
      },
      items,
    });
    expect(unique.outputs[0][0].binary).toEqual({ data: file('f1', 10), data_1: file('f2', 20) });
  });
});

describe('Aggregate: group by', () => {
  it('outputs one item per group', async () => {
    const result = await testNode(aggregate, {
      parameters: { fieldsToAggregate: fieldsOf('id'), options: { groupByFields: 'customer.name' } },
      items: orders,
    });
    expect(result.json[0]).toEqual([
      { customer: { name: 'Ann' }, id: [1, 3] },
      { customer: { name: 'Bob' }, id: [2] },
    ]);
    expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('groups all item data', async () => {
    const result = await testNode(aggregate, {
      parameters: { aggregate: 'aggregateAllItemData', options: { groupByFields: 'k' } },
      items: [
        { k: 'x', v: 1 },
        { k: 'y', v: 2 },
        { k: 'x', v: 3 },
      ],
    });
    expect(result.json[0]).toEqual([
      {
        k: 'x',
        data: [
          { k: 'x', v: 1 },
          { k: 'x', v: 3 },
        ],
      },
      { k: 'y', data: [{ k: 'y', v: 2 }] },
    ]);
  });

  it('rejects objects as group values and clashing names', async () => {
    const objectKey = await testNodeError(aggregate, {
      parameters: { fieldsToAggregate: fieldsOf('id'), options: { groupByFields: 'customer' } },
      items: orders,
    });
    expect(objectKey.code).toBe('AGGREGATE_GROUP_NOT_SCALAR');
    expect(objectKey.message).toContain('[item 0]');
    const clash = await testNodeError(aggregate, {
      parameters: { fieldsToAggregate: fieldsOf('id'), options: { groupByFields: 'id' } },
      items: orders,
    });
    expect(clash.code).toBe('AGGREGATE_GROUP_CONFLICT');
  });
});
