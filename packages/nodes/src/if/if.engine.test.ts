import { createEngine, type Workflow } from '@guixu/core';
import { buildWorkflow, outputsByNode, testRegistry, testServices } from '@guixu/core/test-kit';
import { describe, expect, it } from 'vitest';
import filter from '../filter/filter.node.ts';
import switchNode from '../switch/switch.node.ts';
import ifNode from './if.node.ts';

const registry = testRegistry().register(ifNode).register(filter).register(switchNode);

async function run(workflow: Workflow, items: Record<string, number | string>[]) {
  const engine = createEngine({ registry, services: testServices() });
  const state = engine.start(workflow, {
    executionId: 'x',
    mode: 'manual',
    triggerItems: items.map((json) => ({ json })),
  });
  await engine.run(workflow, state);
  return state;
}

const isBig = {
  conditions: {
    options: { caseSensitive: true, typeValidation: 'strict', version: 3 },
    combinator: 'and',
    conditions: [
      { leftValue: '={{ $json.n }}', rightValue: 10, operator: { type: 'number', operation: 'gt' } },
    ],
  },
};

describe('If, Filter and Switch in workflows', () => {
  it('evaluates expressions per item and routes both branches', async () => {
    const workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        { name: 'If', type: 'guixu.if', parameters: isBig },
        { name: 'Big', type: 'test.set', parameters: { field: 'big', value: 'true' } },
        { name: 'Small', type: 'test.set', parameters: { field: 'big', value: 'false' } },
      ],
      ['Trigger -> If', 'If:0 -> Big', 'If:1 -> Small'],
    );
    const state = await run(workflow, [{ n: 5 }, { n: 50 }, { n: 7 }]);
    expect(state.status).toBe('success');
    const out = outputsByNode(state.runData);
    expect(out.Big).toEqual([[{ n: 50, big: true }]]);
    expect(out.Small).toEqual([
      [
        { n: 5, big: false },
        { n: 7, big: false },
      ],
    ]);
  });

  it('runs a node fed by both IF outputs twice, the false branch first (n8n v1 order)', async () => {
    const workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        { name: 'If', type: 'guixu.if', parameters: isBig },
        { name: 'Both', type: 'test.set', parameters: { field: 'seen', value: 'true' } },
      ],
      ['Trigger -> If', 'If:0 -> Both', 'If:1 -> Both'],
    );
    const state = await run(workflow, [{ n: 50 }, { n: 5 }]);
    expect(outputsByNode(state.runData).Both).toEqual([[{ n: 5, seen: true }], [{ n: 50, seen: true }]]);
  });

  it('sends a type error to the false output with continueErrorOutput (n8n)', async () => {
    const workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        { name: 'If', type: 'guixu.if', parameters: isBig, onError: 'continueErrorOutput' },
      ],
      ['Trigger -> If'],
    );
    const state = await run(workflow, [{ n: 'five' }]);
    expect(state.status).toBe('success');
    // The third output is the error output the engine adds for continueErrorOutput: it stays empty.
    expect(state.runData.If[0].data?.main.map((list) => list.map((i) => i.json))).toEqual([
      [],
      [{ n: 'five' }],
      [],
    ]);
  });

  it('records the items a Filter discards as a second output without routing them', async () => {
    const workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        { name: 'Filter', type: 'guixu.filter', parameters: isBig },
        { name: 'Next', type: 'test.set', parameters: { field: 'next', value: '1' } },
      ],
      ['Trigger -> Filter', 'Filter -> Next'],
    );
    const state = await run(workflow, [{ n: 50 }, { n: 5 }]);
    expect(outputsByNode(state.runData, 1).Filter).toEqual([[{ n: 5 }]]);
    expect(outputsByNode(state.runData).Next).toEqual([[{ n: 50, next: 1 }]]);
  });

  it('routes by an output expression in Switch', async () => {
    const workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        {
          name: 'Switch',
          type: 'guixu.switch',
          parameters: { mode: 'expression', numberOutputs: 3, output: '={{ $json.n % 3 }}' },
        },
        { name: 'Zero', type: 'test.set', parameters: { field: 'out', value: '0' } },
        { name: 'Two', type: 'test.set', parameters: { field: 'out', value: '2' } },
      ],
      ['Trigger -> Switch', 'Switch:0 -> Zero', 'Switch:2 -> Two'],
    );
    const state = await run(workflow, [{ n: 3 }, { n: 4 }, { n: 5 }]);
    const out = outputsByNode(state.runData);
    expect(out.Zero).toEqual([[{ n: 3, out: 0 }]]);
    expect(out.Two).toEqual([[{ n: 5, out: 2 }]]);
  });
});
