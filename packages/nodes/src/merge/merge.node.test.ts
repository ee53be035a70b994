import { portsOf, testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import merge from './merge.node.ts';

const people = [
  { id: 1, name: 'Ann' },
  { id: 2, name: 'Bob' },
  { id: 3, name: 'Cy' },
];
const orders = [
  { id: 2, total: 5 },
  { id: 1, total: 7 },
  { id: 1, total: 9 },
  { id: 4, total: 1 },
];

const byId = (joinMode: string, extra: Record<string, unknown> = {}) =>
  testNode(merge, {
    parameters: {
      mode: 'combine',
      combineBy: 'combineByFields',
      fieldsToMatchString: 'id',
      joinMode,
      ...extra,
    },
    inputs: [people, orders],
  });

describe('Merge: append and ports', () => {
  it('appends every input in order and pairs items with their input', async () => {
    const result = await testNode(merge, {
      parameters: { numberInputs: 3 },
      inputs: [[{ a: 1 }], [{ b: 1 }, { b: 2 }], [{ c: 1 }]],
    });
    expect(result.json).toEqual([[{ a: 1 }, { b: 1 }, { b: 2 }, { c: 1 }]]);
    expect(result.outputs[0][2].pairedItem).toEqual({ item: 1, input: 1 });
  });

  it('has as many inputs as numberInputs says', () => {
    expect(portsOf(merge, 'inputs', { numberInputs: 4 }).map((p) => p.displayName)).toEqual([
      'Input 1',
      'Input 2',
      'Input 3',
      'Input 4',
    ]);
    expect(portsOf(merge, 'inputs', {})).toHaveLength(2);
  });
});

describe('Merge: combine by matching fields', () => {
  it('keeps matches merged (inner join), one item per match', async () => {
    const result = await byId('keepMatches');
    expect(result.json).toEqual([
      [
        { id: 1, name: 'Ann', total: 7 },
        { id: 1, name: 'Ann', total: 9 },
        { id: 2, name: 'Bob', total: 5 },
      ],
    ]);
    expect(result.outputs[0][0].pairedItem).toEqual([
      { item: 0, input: 0 },
      { item: 1, input: 1 },
    ]);
  });

  it('keeps only the first match when asked, and data of one input', async () => {
    const first = await byId('keepMatches', { options: { multipleMatches: 'first' } });
    expect(first.json[0]).toHaveLength(2);
    const input1 = await byId('keepMatches', { outputDataFrom: 'input1' });
    expect(input1.json).toEqual([[people[0], people[1]]]);
    const input2 = await byId('keepMatches', { outputDataFrom: 'input2' });
    expect(input2.json).toEqual([[orders[0], orders[1], orders[2]]]);
  });

  it('keeps non-matches, tagging their source', async () => {
    const result = await byId('keepNonMatches');
    expect(result.json).toEqual([
      [
        { id: 3, name: 'Cy', _source: 'input1' },
        { id: 4, total: 1, _source: 'input2' },
      ],
    ]);
  });

  it('keeps everything (outer join) and enriches either input (left/right join)', async () => {
    const all = await byId('keepEverything');
    expect(all.json[0]).toHaveLength(5);
    const left = await byId('enrichInput1');
    expect(left.json).toEqual([
      [
        { id: 1, name: 'Ann', total: 7 },
        { id: 1, name: 'Ann', total: 9 },
        { id: 2, name: 'Bob', total: 5 },
        { id: 3, name: 'Cy' },
      ],
    ]);
    const right = await byId('enrichInput2');
    expect(right.json[0].at(-1)).toEqual({ id: 4, total: 1 });
  });

  it('matches differently named and nested fields, fuzzily when asked', async () => {
    const result = await testNode(merge, {
      parameters: {
        mode: 'combine',
        advanced: true,
        mergeByFields: { values: [{ field1: 'user.id', field2: 'userId' }] },
        options: { fuzzyCompare: true },
      },
      inputs: [[{ user: { id: 7 } }], [{ userId: '7', ok: true }]],
    });
    expect(result.json).toEqual([[{ user: { id: 7 }, userId: '7', ok: true }]]);
    const strict = await testNode(merge, {
      parameters: {
        mode: 'combine',
        advanced: true,
        mergeByFields: { values: [{ field1: 'user.id', field2: 'userId' }] },
      },
      inputs: [[{ user: { id: 7 } }], [{ userId: '7' }]],
    });
    expect(strict.json).toEqual([[]]);
  });

  it('resolves clashes: prefer input 1, add suffix, shallow merge', async () => {
    const inputs = [[{ id: 1, v: 'a', deep: { x: 1 } }], [{ id: 1, v: 'b', deep: { y: 2 } }]];
    const run = (values: Record<string, unknown>) =>
      testNode(merge, {
        parameters: { mode: 'combine', fieldsToMatchString: 'id', options: { clashHandling: { values } } },
        inputs,
      });
    expect((await run({})).json[0][0]).toEqual({ id: 1, v: 'b', deep: { x: 1, y: 2 } });
    expect((await run({ resolveClash: 'preferInput1' })).json[0][0]).toEqual({
      id: 1,
      v: 'a',
      deep: { x: 1, y: 2 },
    });
    expect((await run({ resolveClash: 'preferInput2', mergeMode: 'shallowMerge' })).json[0][0]).toEqual({
      id: 1,
      v: 'b',
      deep: { y: 2 },
    });
    expect((await run({ resolveClash: 'addSuffix' })).json[0][0]).toEqual({
      id_1: 1,
      v_1: 'a',
      deep_1: { x: 1 },
      id_2: 1,
      v_2: 'b',
      deep_2: { y: 2 },
    });
  });

  it('passes the other input through when one input is empty (n8n)', async () => {
    const result = await testNode(merge, {
      parameters: { mode: 'combine', fieldsToMatchString: 'id', joinMode: 'enrichInput1' },
      inputs: [people, []],
    });
    expect(result.json).toEqual([people]);
    const inner = await testNode(merge, {
      parameters: { mode: 'combine', fieldsToMatchString: 'id' },
      inputs: [people, []],
    });
    expect(inner.json).toEqual([[]]);
  });

  it('asks for fields to match', async () => {
    const error = await testNodeError(merge, { parameters: { mode: 'combine' }, inputs: [people, orders] });
    expect(error.message).toBe('Name at least one field to match on in "Fields to match"');
    expect(error.parameter).toBe('fieldsToMatchString');
  });
});

describe('Merge: position, all combinations, choose branch', () => {
  it('combines by position, with or without unpaired items', async () => {
    const inputs = [[{ a: 1 }, { a: 2 }], [{ b: 1 }], [{ c: 1 }, { c: 2 }]];
    const paired = await testNode(merge, {
      parameters: { mode: 'combine', combineBy: 'combineByPosition', numberInputs: 3 },
      inputs,
    });
    expect(paired.json).toEqual([[{ a: 1, b: 1, c: 1 }]]);
    const all = await testNode(merge, {
      parameters: {
        mode: 'combine',
        combineBy: 'combineByPosition',
        numberInputs: 3,
        options: { includeUnpaired: true },
      },
      inputs,
    });
    expect(all.json).toEqual([
      [
        { a: 1, b: 1, c: 1 },
        { a: 2, c: 2 },
      ],
    ]);
  });

  it('builds every combination of input 1 and input 2', async () => {
    const result = await testNode(merge, {
      parameters: { mode: 'combine', combineBy: 'combineAll' },
      inputs: [
        [{ a: 1 }, { a: 2 }],
        [{ b: 1 }, { b: 2 }],
      ],
    });
    expect(result.json).toEqual([
      [
        { a: 1, b: 1 },
        { a: 1, b: 2 },
        { a: 2, b: 1 },
        { a: 2, b: 2 },
      ],
    ]);
  });

  it('chooses a branch or outputs one empty item paired with everything', async () => {
    const inputs = [[{ a: 1 }], [{ b: 1 }, { b: 2 }]];
    const second = await testNode(merge, { parameters: { mode: 'chooseBranch', useDataOfInput: 2 }, inputs });
    expect(second.json).toEqual([[{ b: 1 }, { b: 2 }]]);
    const empty = await testNode(merge, { parameters: { mode: 'chooseBranch', output: 'empty' }, inputs });
    expect(empty.json).toEqual([[{}]]);
    expect(empty.outputs[0][0].pairedItem).toHaveLength(3);
    const error = await testNodeError(merge, {
      parameters: { mode: 'chooseBranch', useDataOfInput: 3 },
      inputs,
    });
    expect(error.message).toBe('Input 3 does not exist; this Merge node has 2 inputs');
  });
});
