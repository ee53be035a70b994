import { createEngine, testNode } from '@guixu/core';
import { buildWorkflow, outputsByNode, testRegistry, testServices } from '@guixu/core/test-kit';
import { describe, expect, it } from 'vitest';
import loop from './loop-over-items.node.ts';

describe('Loop Over Items (node)', () => {
  it('emits the first batch on "loop" and keeps the rest in its state', async () => {
    const first = await testNode(loop, {
      parameters: { batchSize: 2 },
      items: [{ n: 1 }, { n: 2 }, { n: 3 }],
    });
    expect(first.json).toEqual([[], [{ n: 1 }, { n: 2 }]]);
    const second = await testNode(loop, {
      parameters: { batchSize: 2 },
      items: [
        { n: 1, done: true },
        { n: 2, done: true },
      ],
      nodeState: first.nodeState,
    });
    expect(second.json).toEqual([[], [{ n: 3 }]]);
    expect(second.nodeState).toMatchObject({ noItemsLeft: true, currentRunIndex: 1 });
    const last = await testNode(loop, {
      parameters: { batchSize: 2 },
      items: [{ n: 3, done: true }],
      nodeState: second.nodeState,
    });
    expect(last.json).toEqual([
      [
        { n: 1, done: true },
        { n: 2, done: true },
        { n: 3, done: true },
      ],
      [],
    ]);
    expect(last.nodeState).toBeUndefined();
  });

  it('starts over with the incoming items when reset is on', async () => {
    const first = await testNode(loop, { items: [{ n: 1 }, { n: 2 }] });
    const reset = await testNode(loop, {
      parameters: { options: { reset: true } },
      items: [{ m: 1 }],
      nodeState: first.nodeState,
    });
    expect(reset.json).toEqual([[], [{ m: 1 }]]);
  });
});

describe('Loop Over Items (engine)', () => {
  it('loops batch by batch and outputs everything processed on "done"', async () => {
    const registry = testRegistry().register(loop);
    const engine = createEngine({ registry, services: testServices() });
    const workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        { name: 'Loop', type: 'guixu.loopOverItems', parameters: { batchSize: 2 } },
        { name: 'Work', type: 'test.set', parameters: { field: 'seen', value: 'true' } },
        { name: 'After', type: 'test.set', parameters: { field: 'after', value: '1' } },
      ],
      ['Trigger -> Loop', 'Loop:1 -> Work', 'Work -> Loop', 'Loop:0 -> After'],
    );
    const state = engine.start(workflow, {
      executionId: 'loop-1',
      mode: 'manual',
      triggerItems: [1, 2, 3, 4, 5].map((n) => ({ json: { n } })),
    });
    await engine.run(workflow, state);
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('success');
    const loopRuns = outputsByNode(state.runData, 1).Loop;
    expect(loopRuns.map((batch) => batch.map((j) => (j as { n: number }).n))).toEqual([
      [1, 2],
      [3, 4],
      [5],
      [],
    ]);
    expect(state.runData.Work).toHaveLength(3);
    expect(outputsByNode(state.runData).After).toEqual([
      [1, 2, 3, 4, 5].map((n) => ({ n, seen: true, after: 1 })),
    ]);
  });
});
