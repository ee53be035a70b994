import { randomUUID } from 'node:crypto';
import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { importN8n } from './import-n8n.ts';

/**
 * Item Lists v1–v3: every operation imports onto the node that took it over and
 * runs as n8n documents it (n8n is not installed here: expectations follow n8n's
 * documented behaviour of Item Lists and of the split-out nodes).
 */
const registry = await builtinNodes();

const ROWS = [
  { name: 'a', tags: ['x', 'y'], n: 3, team: 'red' },
  { name: 'b', tags: ['z'], n: 1, team: 'blue' },
  { name: 'a', tags: ['x', 'y'], n: 3, team: 'red' },
  { name: 'c', tags: ['w'], n: 2, team: 'red' },
];

const fields = (...names: string[]) => ({ fields: names.map((fieldName) => ({ fieldName })) });

const NODES: [string, number, Record<string, unknown>][] = [
  [
    'Split v1',
    1,
    {
      operation: 'splitOutItems',
      fieldToSplitOut: 'tags',
      include: 'selectedOtherFields',
      fieldsToInclude: fields('name'),
    },
  ],
  [
    'Dedupe selected v1',
    1,
    { operation: 'removeDuplicates', compare: 'selectedFields', fieldsToCompare: fields('name') },
  ],
  [
    'Dedupe except v2',
    2,
    { operation: 'removeDuplicates', compare: 'allFieldsExcept', fieldsToExclude: fields('n') },
  ],
  [
    'Dedupe selected v3',
    3,
    { operation: 'removeDuplicates', compare: 'selectedFields', fieldsToCompare: 'team' },
  ],
  [
    'Aggregate v1',
    1,
    { operation: 'aggregateItems', fieldsToAggregate: { fieldToAggregate: [{ fieldToAggregate: 'name' }] } },
  ],
  [
    'Concatenate v3',
    3,
    {
      operation: 'concatenateItems',
      aggregate: 'aggregateAllItemData',
      destinationFieldName: 'all',
      include: 'specifiedFields',
      fieldsToInclude: 'name',
    },
  ],
  [
    'Sort v1',
    1,
    {
      operation: 'sort',
      type: 'simple',
      sortFieldsUi: { sortField: [{ fieldName: 'n', order: 'descending' }] },
    },
  ],
  ['Limit v2', 2, { operation: 'limit', maxItems: 2, keep: 'lastItems' }],
  [
    'Summarize v3',
    3,
    {
      operation: 'summarize',
      fieldsToSummarize: { values: [{ aggregation: 'sum', field: 'n' }] },
      fieldsToSplitBy: 'team',
    },
  ],
];

describe('n8n Item Lists v1–v3', () => {
  it('every operation maps onto its node and gives the documented result', async () => {
    const source = {
      nodes: [
        {
          id: 't',
          name: 'Trigger',
          type: 'n8n-nodes-base.manualTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
        ...NODES.map(([name, typeVersion, parameters], i) => ({
          id: `n${i}`,
          name,
          type: 'n8n-nodes-base.itemLists',
          typeVersion,
          position: [200, i * 100],
          parameters,
        })),
      ],
      connections: {
        Trigger: { main: [NODES.map(([name]) => ({ node: name, type: 'main', index: 0 }))] },
      },
    };
    const { workflow, report } = importN8n(source, { registry, fileName: 'item-lists.json' });
    expect(report.nodes.map((n) => n.status)).toEqual(Array(NODES.length + 1).fill('mapped'));
    expect(report.validation.errors).toEqual([]);
    expect(workflow.nodes.find((n) => n.name === 'Dedupe selected v1')?.parameters).toEqual({
      compare: 'selectedFields',
      fieldsToCompare: 'name',
    });
    const engine = createEngine({
      registry,
      services: { binary: new MemoryBinaryStore(), clock: systemClock },
    });
    const state = await engine.run(
      workflow,
      engine.start(workflow, {
        executionId: randomUUID(),
        mode: 'manual',
        triggerItems: ROWS.map((json) => ({ json })),
      }),
    );
    expect(state.error).toBeUndefined();
    const out = (name: string) => state.runData[name]?.[0]?.data?.main[0]?.map((i) => i.json);
    expect(out('Split v1')).toEqual([
      { name: 'a', tags: 'x' },
      { name: 'a', tags: 'y' },
      { name: 'b', tags: 'z' },
      { name: 'a', tags: 'x' },
      { name: 'a', tags: 'y' },
      { name: 'c', tags: 'w' },
    ]);
    expect(out('Dedupe selected v1')?.map((j) => j?.name)).toEqual(['a', 'b', 'c']);
    expect(out('Dedupe except v2')).toEqual([ROWS[0], ROWS[1], ROWS[3]]);
    expect(out('Dedupe selected v3')?.map((j) => j?.team)).toEqual(['red', 'blue']);
    expect(out('Aggregate v1')).toEqual([{ name: ['a', 'b', 'a', 'c'] }]);
    expect(out('Concatenate v3')).toEqual([
      { all: [{ name: 'a' }, { name: 'b' }, { name: 'a' }, { name: 'c' }] },
    ]);
    expect(out('Sort v1')?.map((j) => j?.n)).toEqual([3, 3, 2, 1]);
    expect(out('Limit v2')).toEqual([ROWS[2], ROWS[3]]);
    expect(out('Summarize v3')).toEqual([
      { team: 'red', sum_n: 8 },
      { team: 'blue', sum_n: 1 },
    ]);
  });
});
