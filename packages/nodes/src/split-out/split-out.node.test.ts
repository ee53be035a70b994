import { testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import splitOut from './split-out.node.ts';

const order = {
  id: 7,
  customer: 'Ann',
  lines: [
    { sku: 'a', qty: 1 },
    { sku: 'b', qty: 2 },
  ],
  tags: ['x', 'y'],
};

describe('Split Out', () => {
  it('turns a list of objects into items, paired to their input item', async () => {
    const result = await testNode(splitOut, {
      parameters: { fieldToSplitOut: 'lines' },
      items: [order, { lines: [] }],
    });
    expect(result.json[0]).toEqual([
      { sku: 'a', qty: 1 },
      { sku: 'b', qty: 2 },
    ]);
    expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
  });

  it('puts scalar elements under the field name or a destination name', async () => {
    const plain = await testNode(splitOut, { parameters: { fieldToSplitOut: 'tags' }, items: [order] });
    expect(plain.json[0]).toEqual([{ tags: 'x' }, { tags: 'y' }]);
    const renamed = await testNode(splitOut, {
      parameters: { fieldToSplitOut: 'tags', options: { destinationFieldName: 'tag' } },
      items: [order],
    });
    expect(renamed.json[0]).toEqual([{ tag: 'x' }, { tag: 'y' }]);
  });

  it('keeps all other fields', async () => {
    const result = await testNode(splitOut, {
      parameters: { fieldToSplitOut: 'tags', include: 'allOtherFields' },
      items: [order],
    });
    expect(result.json[0][0]).toEqual({ id: 7, customer: 'Ann', lines: order.lines, tags: 'x' });
  });

  it('copies selected other fields', async () => {
    const result = await testNode(splitOut, {
      parameters: {
        fieldToSplitOut: 'lines',
        include: 'selectedOtherFields',
        fieldsToInclude: 'id, customer',
      },
      items: [order],
    });
    expect(result.json[0][1]).toEqual({ lines: { sku: 'b', qty: 2 }, id: 7, customer: 'Ann' });
  });

  it('splits several fields side by side', async () => {
    const result = await testNode(splitOut, {
      parameters: { fieldToSplitOut: 'a, b', options: { destinationFieldName: 'x, y' } },
      items: [{ a: [1, 2, 3], b: ['p', 'q'] }],
    });
    expect(result.json[0]).toEqual([{ x: 1, y: 'p' }, { x: 2, y: 'q' }, { x: 3 }]);
  });

  it('splits nested fields, objects by value, and single values', async () => {
    const nested = await testNode(splitOut, {
      parameters: { fieldToSplitOut: 'd.list' },
      items: [{ d: { list: [1] } }],
    });
    expect(nested.json[0]).toEqual([{ 'd.list': 1 }]);
    const object = await testNode(splitOut, {
      parameters: { fieldToSplitOut: 'o' },
      items: [{ o: { a: 1, b: 2 } }],
    });
    expect(object.json[0]).toEqual([{ o: 1 }, { o: 2 }]);
    const single = await testNode(splitOut, { parameters: { fieldToSplitOut: 's' }, items: [{ s: 'only' }] });
    expect(single.json[0]).toEqual([{ s: 'only' }]);
  });

  it('splits binary files into one item each', async () => {
    const file = (id: string) => ({ id, mimeType: 'text/plain', fileSize: 1 });
    const result = await testNode(splitOut, {
      parameters: { fieldToSplitOut: '$binary', include: 'allOtherFields' },
      items: [{ json: { n: 1 }, binary: { a: file('1'), b: file('2') } }],
    });
    expect(result.outputs[0]).toEqual([
      { json: { n: 1 }, binary: { a: file('1') }, pairedItem: { item: 0 } },
      { json: { n: 1 }, binary: { b: file('2') }, pairedItem: { item: 0 } },
    ]);
  });

  it('hints at fields found in no item', async () => {
    const result = await testNode(splitOut, { parameters: { fieldToSplitOut: 'missing' }, items: [order] });
    expect(result.json[0]).toEqual([]);
    expect(result.hints).toEqual(["The field 'missing' wasn't found in any input item"]);
  });

  it('reports mismatched destination names with the item, or continues', async () => {
    const parameters = { fieldToSplitOut: 'a, b', options: { destinationFieldName: 'x' } };
    const error = await testNodeError(splitOut, { parameters, items: [{ a: [1] }] });
    expect(error.code).toBe('SPLIT_OUT_DESTINATIONS');
    expect(error.parameter).toBe('options.destinationFieldName');
    expect(error.node).toBe('Split Out');
    const continued = await testNode(splitOut, {
      parameters,
      items: [{ a: [1] }],
      onError: 'continueRegularOutput',
    });
    expect(continued.outputs[0][0].json.error).toContain('same number of destination fields');
  });
});
