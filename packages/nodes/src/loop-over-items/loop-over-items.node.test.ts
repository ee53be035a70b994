import { createEngine, type Item, type RunData, testNode, type Workflow } from '@guixu/core';
import { buildWorkflow, outputsByNode, testRegistry, testServices } from '@guixu/core/test-kit';
import { describe, expect, it } from 'vitest';
import set from '../set/set.node.ts';
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
    // Kept after "done": items coming back later from the loop body are added to it (n8n).
    expect(last.nodeState).toMatchObject({ done: true, noItemsLeft: true, remaining: [] });
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

const names = ['Ada', 'Grace', 'Linus', 'Margaret', 'Barbara'];

/** A real Set node that adds `field` and keeps the other fields. */
function setNode(name: string, field: string, type: 'string' | 'number' | 'array', value: string) {
  const assignments = [{ id: field, name: field, type, value }];
  return { name, type: 'guixu.set', parameters: { assignments: { assignments }, includeOtherFields: true } };
}

async function runLoop(workflow: Workflow, items: Item[]): Promise<RunData> {
  const engine = createEngine({
    registry: testRegistry().register(loop).register(set),
    services: testServices(),
    freezeItems: true,
  });
  const state = engine.start(workflow, { executionId: 'loop-paired', mode: 'manual', triggerItems: items });
  await engine.run(workflow, state);
  expect(state.error).toBeUndefined();
  expect(state.status).toBe('success');
  return state.runData;
}

describe("Loop Over Items: $('Node').item reaches nodes before the loop", () => {
  // Trigger → Start → Loop (batch 2) →loop→ Process → Tag → Loop; Loop →done→ After.
  const workflow = buildWorkflow(
    [
      { name: 'Trigger', type: 'test.trigger' },
      setNode('Start', 'pos', 'number', '={{ $itemIndex }}'),
      { name: 'Loop', type: 'guixu.loopOverItems', parameters: { batchSize: 2 } },
      setNode('Process', 'fromStart', 'string', "={{ $('Start').item.json.name }}"),
      setNode('Tag', 'run', 'number', '={{ $runIndex }}'),
      setNode(
        'After',
        'back',
        'array',
        "={{ [$('Start').item.json.pos, $('Trigger').item.json.name, $('Tag').item.json.run] }}",
      ),
    ],
    [
      'Trigger -> Start',
      'Start -> Loop',
      'Loop:1 -> Process',
      'Process -> Tag',
      'Tag -> Loop',
      'Loop:0 -> After',
    ],
  );

  it('in the loop body on every run, and on the "done" branch', async () => {
    const runData = await runLoop(
      workflow,
      names.map((name) => ({ json: { name } })),
    );
    expect(outputsByNode(runData).Process).toEqual([
      [
        { name: 'Ada', pos: 0, fromStart: 'Ada' },
        { name: 'Grace', pos: 1, fromStart: 'Grace' },
      ],
      [
        { name: 'Linus', pos: 2, fromStart: 'Linus' },
        { name: 'Margaret', pos: 3, fromStart: 'Margaret' },
      ],
      [{ name: 'Barbara', pos: 4, fromStart: 'Barbara' }],
    ]);
    const run = (pos: number) => Math.floor(pos / 2);
    expect(outputsByNode(runData).After).toEqual([
      names.map((name, pos) => ({ name, pos, fromStart: name, run: run(pos), back: [pos, name, run(pos)] })),
    ]);
  });

  it('links items the way n8n 2.8.4 does (sourceOverwrite after the first run and on "done")', async () => {
    const runData = await runLoop(
      workflow,
      names.map((name) => ({ json: { name } })),
    );
    const links = (runData.Loop ?? []).map((run) =>
      (run.data?.main ?? []).map((list) => list.map((i) => i.pairedItem)),
    );
    const start = { previousNode: 'Start', previousNodeOutput: 0, previousNodeRun: 0 };
    const tag = (run: number) => ({ previousNode: 'Tag', previousNodeOutput: 0, previousNodeRun: run });
    expect(links).toEqual([
      [[], [{ item: 0 }, { item: 1 }]],
      [
        [],
        [
          { item: 2, sourceOverwrite: start },
          { item: 3, sourceOverwrite: start },
        ],
      ],
      [[], [{ item: 4, sourceOverwrite: start }]],
      [
        [
          { item: 0, sourceOverwrite: tag(0) },
          { item: 1, sourceOverwrite: tag(0) },
          { item: 0, sourceOverwrite: tag(1) },
          { item: 1, sourceOverwrite: tag(1) },
          { item: 0, sourceOverwrite: tag(2) },
        ],
        [],
      ],
    ]);
  });

  it('works for an inner loop nested in an outer loop', async () => {
    const nested = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        setNode('Start', 'pos', 'number', '={{ $itemIndex }}'),
        { name: 'Outer', type: 'guixu.loopOverItems', parameters: { batchSize: 2 } },
        { name: 'Inner', type: 'guixu.loopOverItems', parameters: { batchSize: 1 } },
        setNode('Body', 'seen', 'string', "={{ $('Start').item.json.name }}"),
        setNode('After', 'back', 'number', "={{ $('Start').item.json.pos }}"),
      ],
      [
        'Trigger -> Start',
        'Start -> Outer',
        'Outer:1 -> Inner',
        'Inner:1 -> Body',
        'Body -> Inner',
        'Inner:0 -> Outer',
        'Outer:0 -> After',
      ],
    );
    const runData = await runLoop(
      nested,
      names.map((name) => ({ json: { name } })),
    );
    expect(runData.Body).toHaveLength(5);
    expect(outputsByNode(runData).After[0]).toEqual(
      names.map((name, pos) => ({ name, pos, seen: name, back: pos })),
    );
  });
});

describe('Loop Over Items: long loops', () => {
  it('loops over 2,600 items one by one through a 3-node body (10,400 node runs) within the default cap', async () => {
    const workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        { name: 'Loop', type: 'guixu.loopOverItems', parameters: { batchSize: 1 } },
        setNode('A', 'a', 'number', '={{ $json.n + 1 }}'),
        setNode('B', 'b', 'number', '={{ $json.a + 1 }}'),
        setNode('C', 'c', 'number', '={{ $json.b + 1 }}'),
      ],
      ['Trigger -> Loop', 'Loop:1 -> A', 'A -> B', 'B -> C', 'C -> Loop'],
    );
    const items = Array.from({ length: 2600 }, (_, n) => ({ json: { n } }));
    const runData = await runLoop(workflow, items);
    const done = runData.Loop?.at(-1)?.data?.main[0] ?? [];
    expect(done).toHaveLength(2600);
    expect(done[2599]?.json).toEqual({ n: 2599, a: 2600, b: 2601, c: 2602 });
  }, 60_000);
});

describe('Loop Over Items: state', () => {
  it('keeps plain JSON state with binary references and links, built without re-serializing every run', async () => {
    const binary = { data: { id: 'fs:e:f', mimeType: 'text/plain', fileSize: 3, fileName: 'a.txt' } };
    const first = await testNode(loop, {
      parameters: { batchSize: 1 },
      items: [{ n: 1 }, { n: 2 }, { n: 3 }],
    });
    const second = await testNode(loop, {
      parameters: { batchSize: 1 },
      items: [{ json: { n: 1, back: true }, binary, pairedItem: { item: 0 } }],
      nodeState: first.nodeState,
    });
    const state = second.nodeState;
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state).toMatchObject({
      remaining: [{ json: { n: 3 }, pairedItem: { item: 2 } }],
      processed: [{ json: { n: 1, back: true }, binary, pairedItem: { item: 0 } }],
      currentRunIndex: 1,
      noItemsLeft: false,
    });
  });
});

describe('Loop Over Items: input sources', () => {
  it('keeps the first run input source in its state and links later batches to it', async () => {
    const source = { previousNode: 'Start', previousNodeOutput: 0, previousNodeRun: 0 };
    const first = await testNode(loop, { parameters: { batchSize: 1 }, items: [{ n: 1 }, { n: 2 }] });
    expect(first.outputs[1]?.[0]?.pairedItem).toEqual({ item: 0 });
    // testNode records no source (items from outside): nothing to override, links stay plain.
    expect(first.nodeState).not.toHaveProperty('sourceData');
    const saved = first.nodeState;
    if (saved === null || typeof saved !== 'object' || Array.isArray(saved)) throw new Error('no loop state');
    const withSource = { ...saved, sourceData: source };
    const second = await testNode(loop, {
      parameters: { batchSize: 1 },
      items: [{ n: 1 }],
      nodeState: withSource,
    });
    expect(second.outputs[1]?.[0]).toEqual({
      json: { n: 2 },
      pairedItem: { item: 1, sourceOverwrite: source },
    });
    expect(second.nodeState).toMatchObject({ sourceData: source });
  });
});
