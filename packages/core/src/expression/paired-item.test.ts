import { describe, expect, it } from 'vitest';
import type { Item, JsonObject, PairedItem } from '../items.ts';
import type { NodeRunRecord, NodeRunSource, RunData } from '../run-data.ts';
import { ExpressionError } from './index.ts';
import { type PairedItemContext, resolvePairedItem } from './paired-item.ts';
import { testEnv, testWorkflowNode } from './test-env.ts';

function run(outputs: Item[][], source: NodeRunRecord['source']): NodeRunRecord {
  return { startTime: 0, executionTime: 1, executionStatus: 'success', source, data: { main: outputs } };
}
const item = (json: JsonObject, pairedItem: Item['pairedItem']): Item => ({ json, pairedItem });
const from = (previousNode: string, previousNodeRun: number, previousNodeOutput = 0): NodeRunSource => ({
  previousNode,
  previousNodeOutput,
  previousNodeRun,
});
const linked = (index: number, source: NodeRunSource): PairedItem => ({
  item: index,
  sourceOverwrite: source,
});

// Start (3 items) → Loop (batch 2) →loop→ Process → back into Loop; Loop →done→ After.
// The links are the ones n8n 2.8.4 records for this workflow.
const names = ['Ada', 'Grace', 'Linus'];
const start = names.map((name, i) => item({ name }, { item: i }));
const firstInput = from('Start', 0);
const runData: RunData = {
  Start: [run([start], [null])],
  Loop: [
    run([[], [item({ name: 'Ada' }, { item: 0 }), item({ name: 'Grace' }, { item: 1 })]], [firstInput]),
    run([[], [item({ name: 'Linus' }, linked(2, firstInput))]], [from('Process', 0)]),
    run(
      [
        [
          item({ done: 'a' }, linked(0, from('Process', 0))),
          item({ done: 'g' }, linked(1, from('Process', 0))),
          item({ done: 'l' }, linked(0, from('Process', 1))),
        ],
        [],
      ],
      [from('Process', 1)],
    ),
  ],
  Process: [
    run([[item({ run: 0 }, { item: 0 }), item({ run: 0 }, { item: 1 })]], [from('Loop', 0, 1)]),
    run([[item({ run: 1 }, { item: 0 })]], [from('Loop', 1, 1)]),
  ],
};

function context(source: NodeRunSource, inputs: Item[], data: RunData = runData): PairedItemContext {
  return {
    runData: data,
    inputs: [inputs.map((it, i) => ({ ...it, pairedItem: { item: i } }))],
    source: [source],
  };
}

function failure(action: () => unknown): ExpressionError {
  try {
    action();
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('expected an ExpressionError');
}

describe('paired items with a sourceOverwrite', () => {
  it('follows the override from a later loop run back to the item before the loop', () => {
    const body = context(from('Loop', 1, 1), runData.Process[1].data?.main[0] ?? []);
    expect(resolvePairedItem(body, 'Start', 0).json).toEqual({ name: 'Linus' });
    expect(resolvePairedItem(body, 'Loop', 0).json).toEqual({ name: 'Linus' });
  });

  it('resolves every "done" item through the loop body run it came back from', () => {
    const after = context(from('Loop', 2, 0), runData.Loop[2].data?.main[0] ?? []);
    expect([0, 1, 2].map((i) => resolvePairedItem(after, 'Start', i).json.name)).toEqual(names);
    expect([0, 1, 2].map((i) => resolvePairedItem(after, 'Process', i).json.run)).toEqual([0, 0, 1]);
  });

  it('is used by $("Node").item in expressions', () => {
    const env = testEnv({
      node: testWorkflowNode('After'),
      nodes: ['Start', 'Loop', 'Process'].map((name) => testWorkflowNode(name)),
      runData,
      inputs: [runData.Loop[2].data?.main[0] ?? []],
      source: [from('Loop', 2, 0)],
    });
    expect(env.evaluate("={{ $('Start').item.json.name }}", 2, 'p')).toBe('Linus');
  });

  it('without an override a link still points into the run’s own input', () => {
    const plain = structuredClone(runData);
    plain.Loop[1] = run([[], [item({ name: 'Linus' }, { item: 2 })]], [from('Process', 0)]);
    const body = context(from('Loop', 1, 1), [{ json: {} }], plain);
    const error = failure(() => resolvePairedItem(body, 'Start', 0));
    expect(error.message).toBe(
      'Paired item data for item from node "Start" is unavailable: "Process" has no output item 2',
    );
  });

  it('names the node when an override points at an output item that does not exist', () => {
    const data = structuredClone(runData);
    data.Loop[1] = run([[], [item({ name: '?' }, linked(7, firstInput))]], [from('Process', 0)]);
    const error = failure(() =>
      resolvePairedItem(context(from('Loop', 1, 1), [{ json: {} }], data), 'Start', 0),
    );
    expect(error.message).toContain('"Start" has no output item 7');
    expect(error.details).toMatchObject({ reason: 'pairedItemUnavailable', node: 'Start' });
  });

  it('refuses a malformed override (stored run data can hold any JSON) with a clear error', () => {
    const data = structuredClone(runData);
    const link: PairedItem = { item: 0 };
    Reflect.set(link, 'sourceOverwrite', { previousNode: 5 });
    data.Loop[1] = run([[], [item({}, link)]], [from('Process', 0)]);
    const error = failure(() =>
      resolvePairedItem(context(from('Loop', 1, 1), [{ json: {} }], data), 'Start', 0),
    );
    expect(error.message).toBe(
      'Paired item data for item from node "Start" is unavailable: an item link has a malformed sourceOverwrite',
    );
  });

  it('mixes overridden and plain links: one match resolves, two different matches are ambiguous', () => {
    const data = structuredClone(runData);
    // Link 0 goes through the run's input (Process run 0 → Ada), link 1 straight to Start's item 0 (Ada).
    data.Loop[1] = run([[], [item({}, [{ item: 0 }, linked(0, firstInput)])]], [from('Process', 0)]);
    const same = context(from('Loop', 1, 1), [{ json: {} }], data);
    expect(resolvePairedItem(same, 'Start', 0).json).toEqual({ name: 'Ada' });

    data.Loop[1] = run([[], [item({}, [{ item: 0 }, linked(2, firstInput)])]], [from('Process', 0)]);
    const error = failure(() =>
      resolvePairedItem(context(from('Loop', 1, 1), [{ json: {} }], data), 'Start', 0),
    );
    expect(error.details).toMatchObject({ reason: 'pairedItemMultipleMatches', node: 'Start' });
  });
});
