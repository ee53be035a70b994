import { type JsonObject, testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import summarize from './summarize.node.ts';

const sales: JsonObject[] = [
  { country: 'NO', city: 'Oslo', amount: 10, product: 'a', note: 'x' },
  { country: 'NO', city: 'Bergen', amount: 5, product: 'b', note: '' },
  { country: 'IT', city: 'Rome', amount: '7', product: 'a', note: null },
  { country: 'NO', city: 'Oslo', amount: 1, product: 'a' },
];

const fields = (...values: Record<string, unknown>[]) => ({ values });

describe('Summarize', () => {
  it('computes every aggregation over all items with n8n output names', async () => {
    const result = await testNode(summarize, {
      parameters: {
        fieldsToSummarize: fields(
          { aggregation: 'count', field: 'note' },
          { aggregation: 'countUnique', field: 'product' },
          { aggregation: 'sum', field: 'amount' },
          { aggregation: 'average', field: 'amount' },
          { aggregation: 'min', field: 'amount' },
          { aggregation: 'max', field: 'city' },
          { aggregation: 'append', field: 'product' },
          { aggregation: 'concatenate', field: 'city', separateBy: 'other', customSeparator: ' | ' },
        ),
      },
      items: sales,
    });
    expect(result.json[0]).toEqual([
      {
        count_note: 1,
        unique_count_product: 2,
        sum_amount: 16,
        average_amount: 16 / 3,
        min_amount: 1,
        max_city: 'Rome',
        appended_product: ['a', 'b', 'a', 'a'],
        concatenated_city: 'Oslo | Bergen | Rome | Oslo',
      },
    ]);
    expect(result.outputs[0][0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
  });

  it('includes empty values when asked', async () => {
    const result = await testNode(summarize, {
      parameters: {
        fieldsToSummarize: fields(
          { aggregation: 'append', field: 'note', includeEmpty: true },
          { aggregation: 'concatenate', field: 'note', includeEmpty: true, separateBy: ', ' },
        ),
      },
      items: sales,
    });
    expect(result.json[0][0]).toEqual({
      appended_note: ['x', '', null, null],
      concatenated_note: 'x, , null, undefined',
    });
  });

  it('splits by several fields into separate items', async () => {
    const result = await testNode(summarize, {
      parameters: {
        fieldsToSummarize: fields({ aggregation: 'sum', field: 'amount' }),
        fieldsToSplitBy: 'country, city',
      },
      items: sales,
    });
    expect(result.json[0]).toEqual([
      { country: 'NO', city: 'Oslo', sum_amount: 11 },
      { country: 'NO', city: 'Bergen', sum_amount: 5 },
      { country: 'IT', city: 'Rome', sum_amount: 0 },
    ]);
    expect(result.outputs[0][0].pairedItem).toEqual([{ item: 0 }, { item: 3 }]);
    // n8n adds the split fields after the summaries, the innermost first (columns of a sheet follow this order).
    expect(Object.keys(result.json[0][0])).toEqual(['sum_amount', 'city', 'country']);
  });

  it('nests all splits in a single item', async () => {
    const result = await testNode(summarize, {
      parameters: {
        fieldsToSummarize: fields({ aggregation: 'count', field: 'product' }),
        fieldsToSplitBy: 'country, product',
        options: { outputFormat: 'singleItem' },
      },
      items: sales,
    });
    expect(result.json[0]).toEqual([
      { NO: { a: { count_product: 2 }, b: { count_product: 1 } }, IT: { a: { count_product: 1 } } },
    ]);
  });

  it('names split fields and results without dots, keeps original group values', async () => {
    const result = await testNode(summarize, {
      parameters: {
        fieldsToSummarize: fields({ aggregation: 'count', field: 'meta.id' }),
        fieldsToSplitBy: 'meta.year',
      },
      items: [
        { meta: { year: 2024, id: 1 } },
        { meta: { year: 2025, id: 2 } },
        { meta: { year: 2024, id: 3 } },
      ],
    });
    expect(result.json[0]).toEqual([
      { meta_year: 2024, count_meta_id: 2 },
      { meta_year: 2025, count_meta_id: 1 },
    ]);
  });

  it('skips items with empty split values when asked', async () => {
    const result = await testNode(summarize, {
      parameters: {
        fieldsToSummarize: fields({ aggregation: 'count', field: 'v' }),
        fieldsToSplitBy: 'g',
        options: { skipEmptySplitFields: true },
      },
      items: [{ g: 'x', v: 1 }, { v: 2 }, { g: '', v: 3 }, { g: 0, v: 4 }],
    });
    expect(result.json[0]).toEqual([
      { g: 'x', count_v: 1 },
      { g: 0, count_v: 1 },
    ]);
  });

  it('hints at fields that exist in no item', async () => {
    const result = await testNode(summarize, {
      parameters: { fieldsToSummarize: fields({ aggregation: 'sum', field: 'nope' }) },
      items: sales,
    });
    expect(result.json[0]).toEqual([{ sum_nope: 0 }]);
    expect(result.hints).toEqual(["The field 'nope' does not exist in any items"]);
  });

  it('requires at least one field', async () => {
    const error = await testNodeError(summarize, { items: sales });
    expect(error.code).toBe('SUMMARIZE_NO_FIELDS');
    expect(error.parameter).toBe('fieldsToSummarize.values');
  });
});
