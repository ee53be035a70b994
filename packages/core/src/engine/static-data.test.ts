import { describe, expect, it } from 'vitest';
import { defineNode } from '../sdk/define-node.ts';
import { rebuildState } from './checkpoint.ts';
import { createEngine } from './engine.ts';
import { buildWorkflow, testRegistry, testServices } from './test-kit.ts';
import type { Checkpoint } from './types.ts';

/** Counts its runs in the global static data and remembers the last item in its own. */
const counter = defineNode({
  type: 'test.counter',
  version: 1,
  displayName: 'Counter',
  description: 'Counts runs in static data.',
  group: 'data',
  inputs: ['main'],
  outputs: ['main'],
  params: {},
  run: (ctx) => {
    const global = ctx.workflowStaticData('global');
    global.count = (typeof global.count === 'number' ? global.count : 0) + 1;
    ctx.workflowStaticData('node').last = ctx.items[0]?.json ?? null;
    return [ctx.items];
  },
});

/** Changes static data, then fails: the change must not be kept. */
const failing = defineNode({
  type: 'test.staticFail',
  version: 1,
  displayName: 'Fail after change',
  description: 'Fails after changing static data.',
  group: 'data',
  inputs: ['main'],
  outputs: ['main'],
  params: {},
  run: (ctx) => {
    ctx.workflowStaticData('global').broken = true;
    throw new Error('boom');
  },
});

function engine() {
  const registry = testRegistry().register(counter).register(failing);
  return createEngine({ registry, services: testServices() });
}

const T = { name: 'Trigger', type: 'test.trigger' };
const read = {
  name: 'Read',
  type: 'test.set',
  parameters: { field: 'seen', value: "={{ $getWorkflowStaticData('global').count }}" },
};

describe("workflow static data ($getWorkflowStaticData, n8n's staticData)", () => {
  it('starts from the stored data, is changed by nodes, read by expressions, and checkpointed', async () => {
    const workflow = buildWorkflow(
      [T, { name: 'Count', type: 'test.counter' }, read],
      ['Trigger -> Count', 'Count -> Read'],
    );
    const e = engine();
    const state = e.start(workflow, {
      executionId: 'e1',
      mode: 'webhook',
      triggerItems: [{ json: { n: 7 } }],
      staticData: { global: { count: 41 } },
    });
    const initial = JSON.parse(JSON.stringify(state));
    const checkpoints: Checkpoint[] = [];
    await e.run(workflow, state, {
      onCheckpoint: (c) => void checkpoints.push(JSON.parse(JSON.stringify(c))),
    });
    expect(state.status).toBe('success');
    expect(state.runData.Read[0].data?.main[0][0].json).toEqual({ n: 7, seen: 42 });
    const expected = { global: { count: 42 }, 'node:Count': { last: { n: 7 } } };
    expect(state.staticData).toEqual(expected);
    expect(state.staticDataChanged).toBe(true);
    // A store rebuilding the run from its checkpoints has the same static data.
    expect(rebuildState(initial, checkpoints).staticData).toEqual(expected);
  });

  it('reading alone is no change; a failed node keeps none of its changes', async () => {
    const readOnly = buildWorkflow([T, read], ['Trigger -> Read']);
    const e = engine();
    const state = e.start(readOnly, {
      executionId: 'e2',
      mode: 'webhook',
      staticData: { global: { count: 1 } },
    });
    await e.run(readOnly, state);
    expect(state.runData.Read[0].data?.main[0][0].json).toEqual({ seen: 1 });
    expect(state.staticDataChanged).toBeUndefined();

    const failingFlow = buildWorkflow([T, { name: 'Fail', type: 'test.staticFail' }], ['Trigger -> Fail']);
    const failed = e.start(failingFlow, { executionId: 'e3', mode: 'webhook' });
    await e.run(failingFlow, failed);
    expect(failed.status).toBe('error');
    expect(failed.staticData).toBeUndefined();
    expect(failed.staticDataChanged).toBeUndefined();
  });

  it('rejects an unknown type clearly', async () => {
    const workflow = buildWorkflow(
      [
        T,
        {
          name: 'Bad',
          type: 'test.set',
          parameters: { field: 'x', value: "={{ $getWorkflowStaticData('all') }}" },
        },
      ],
      ['Trigger -> Bad'],
    );
    const e = engine();
    const state = e.start(workflow, { executionId: 'e4', mode: 'webhook' });
    await e.run(workflow, state);
    expect(state.status).toBe('error');
    expect(state.error?.message).toContain('must be "global" or "node"');
  });
});
