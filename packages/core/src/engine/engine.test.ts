import { describe, expect, it } from 'vitest';
import { defineNode } from '../sdk/define-node.ts';
import type { Workflow } from '../workflow/schema.ts';
import { createEngine } from './engine.ts';
import { finalItems, inputsOf } from './run-data-helpers.ts';
import { buildWorkflow, FakeClock, outputsByNode, testRegistry, testServices } from './test-kit.ts';
import type { Checkpoint, EngineEvent, StartOptions } from './types.ts';

const T = { name: 'Trigger', type: 'test.trigger' };
const set = (name: string, field: string, value: unknown) => ({
  name,
  type: 'test.set',
  parameters: { field, value: JSON.stringify(value) },
});

async function execute(workflow: Workflow, start: Partial<StartOptions> = {}) {
  const clock = new FakeClock();
  const engine = createEngine({ registry: testRegistry(), services: testServices(clock) });
  const state = engine.start(workflow, { executionId: 'e1', mode: 'manual', ...start });
  const checkpoints: Checkpoint[] = [];
  const events: EngineEvent[] = [];
  await engine.run(workflow, state, {
    onCheckpoint: (c) => void checkpoints.push(c),
    onEvent: (e) => void events.push(e),
  });
  return { state, checkpoints, events, clock, out: outputsByNode(state.runData) };
}

describe('engine: linear and branching', () => {
  it('runs a chain and returns the last node output', async () => {
    const wf = buildWorkflow([T, set('A', 'a', 1), set('B', 'b', 2)], ['Trigger -> A', 'A -> B']);
    const { state, out, checkpoints, events } = await execute(wf, { triggerItems: [{ json: { x: 1 } }] });
    expect(state.status).toBe('success');
    expect(out).toEqual({ Trigger: [[{ x: 1 }]], A: [[{ x: 1, a: 1 }]], B: [[{ x: 1, a: 1, b: 2 }]] });
    expect(finalItems(state).map((i) => i.json)).toEqual([{ x: 1, a: 1, b: 2 }]);
    expect(checkpoints.map((c) => c.node)).toEqual(['Trigger', 'A', 'B']);
    expect(state.runData.B[0].source).toEqual([
      { previousNode: 'A', previousNodeOutput: 0, previousNodeRun: 0 },
    ]);
    expect(inputsOf(state, 'B', 0)[0].map((i) => i.json)).toEqual([{ x: 1, a: 1 }]);
    expect(events.map((e) => e.type)).toEqual([
      'nodeStarted',
      'nodeFinished',
      'nodeStarted',
      'nodeFinished',
      'nodeStarted',
      'nodeFinished',
      'executionFinished',
    ]);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('runs branches depth-first, the top branch first, and skips nodes without items', async () => {
    const wf = buildWorkflow(
      [
        T,
        { name: 'If', type: 'test.if', parameters: { field: 'ok' } },
        set('TrueA', 't', 1),
        set('TrueB', 't2', 1),
        set('FalseA', 'f', 1),
        set('Never', 'n', 1),
      ],
      ['Trigger -> If', 'If:0 -> TrueA', 'TrueA -> TrueB', 'If:1 -> FalseA', 'Never -> FalseA'],
    );
    const { state, checkpoints } = await execute(wf, { triggerItems: [{ json: { ok: true } }] });
    expect(checkpoints.map((c) => c.node)).toEqual(['Trigger', 'If', 'TrueA', 'TrueB']);
    expect(state.runData.FalseA).toBeUndefined();
    expect(state.lastNodeExecuted).toBe('TrueB');
  });

  it('runs the false branch first when both IF outputs feed the same node', async () => {
    const wf = buildWorkflow(
      [T, { name: 'If', type: 'test.if' }, set('Both', 'seen', true)],
      ['Trigger -> If', 'If:0 -> Both', 'If:1 -> Both'],
    );
    const { out } = await execute(wf, {
      triggerItems: [{ json: { ok: true, n: 1 } }, { json: { ok: false, n: 2 } }],
    });
    expect(out.Both).toEqual([[{ ok: false, n: 2, seen: true }], [{ ok: true, n: 1, seen: true }]]);
  });

  it('orders children by canvas position (top, then left), not by connection order', async () => {
    const wf = buildWorkflow(
      [T, set('Low', 'l', 1), set('High', 'h', 1)],
      ['Trigger -> Low', 'Trigger -> High'],
    );
    wf.nodes[1].position = [200, 300];
    wf.nodes[2].position = [200, 100];
    const { checkpoints } = await execute(wf);
    expect(checkpoints.map((c) => c.node)).toEqual(['Trigger', 'High', 'Low']);
  });
});

describe('engine: multiple inputs', () => {
  it('waits for both inputs and runs once', async () => {
    const wf = buildWorkflow(
      [T, set('A', 'from', 'a'), set('B', 'from', 'b'), { name: 'Merge', type: 'test.merge' }],
      ['Trigger -> A', 'Trigger -> B', 'A -> Merge:0', 'B -> Merge:1'],
    );
    const { state, out } = await execute(wf);
    expect(out.Merge).toEqual([[{ from: 'a' }, { from: 'b' }]]);
    expect(state.runData.Merge[0].source.map((s) => s?.previousNode)).toEqual(['A', 'B']);
  });

  it('runs with the inputs it has when the other input can no longer receive data', async () => {
    const wf = buildWorkflow(
      [
        T,
        { name: 'If', type: 'test.if' },
        set('A', 'from', 'a'),
        set('B', 'from', 'b'),
        { name: 'Merge', type: 'test.merge' },
      ],
      ['Trigger -> If', 'If:0 -> A', 'If:1 -> B', 'A -> Merge:0', 'B -> Merge:1'],
    );
    const { state, out } = await execute(wf, { triggerItems: [{ json: { ok: true } }] });
    expect(out.Merge).toEqual([[{ ok: true, from: 'a' }]]);
    expect(state.runData.Merge[0].source).toEqual([
      { previousNode: 'A', previousNodeOutput: 0, previousNodeRun: 0 },
      null,
    ]);
    expect(state.runData.B).toBeUndefined();
  });

  it('runs a node that always runs even without items', async () => {
    const wf = buildWorkflow(
      [
        T,
        { name: 'Empty', type: 'test.empty' },
        { name: 'Always', type: 'test.always' },
        set('After', 'x', 1),
      ],
      ['Trigger -> Empty', 'Empty -> Always', 'Empty -> After'],
    );
    const { out, state } = await execute(wf);
    expect(out.Always).toEqual([[{ count: 0 }]]);
    expect(state.runData.After).toBeUndefined();
  });
});

describe('engine: node settings', () => {
  it('passes input through disabled nodes and records them', async () => {
    const wf = buildWorkflow(
      [T, { ...set('Off', 'x', 1), disabled: true }, set('B', 'b', 1)],
      ['Trigger -> Off', 'Off -> B'],
    );
    const { state, out } = await execute(wf, { triggerItems: [{ json: { v: 1 } }] });
    expect(state.runData.Off[0].executionStatus).toBe('disabled');
    expect(out.B).toEqual([[{ v: 1, b: 1 }]]);
  });

  it('names the disabled start node when nothing can start the run', () => {
    const wf = buildWorkflow(
      [{ ...set('Placeholder trigger', 'x', 1), disabled: true }, set('B', 'b', 1)],
      ['Placeholder trigger -> B'],
    );
    const engine = createEngine({ registry: testRegistry(), services: testServices(new FakeClock()) });
    expect(() => engine.start(wf, { executionId: 'e1', mode: 'manual' })).toThrow(
      /no enabled trigger.*"Placeholder trigger" is disabled/,
    );
  });

  it('adds one empty item with alwaysOutputData and uses only the first item with executeOnce', async () => {
    const wf = buildWorkflow(
      [
        T,
        { name: 'Empty', type: 'test.empty', alwaysOutputData: true },
        { ...set('Once', 'o', 1), executeOnce: true },
      ],
      ['Trigger -> Empty', 'Trigger -> Once'],
    );
    const { out } = await execute(wf, { triggerItems: [{ json: { n: 1 } }, { json: { n: 2 } }] });
    expect(out.Empty).toEqual([[{}]]);
    expect(out.Once).toEqual([[{ n: 1, o: 1 }]]);
  });

  it('executeOnce runs the node on the first item while $input.all() in its expressions sees every item (n8n)', async () => {
    const wf = buildWorkflow(
      [
        T,
        {
          name: 'Once',
          type: 'test.set',
          executeOnce: true,
          parameters: { field: 'all', value: '={{ $input.all().map(i => i.json.n) }}' },
        },
      ],
      ['Trigger -> Once'],
    );
    const { out } = await execute(wf, {
      triggerItems: [{ json: { n: 1 } }, { json: { n: 2 } }, { json: { n: 3 } }],
    });
    expect(out.Once).toEqual([[{ n: 1, all: [1, 2, 3] }]]);
  });

  it('pairs nodeStarted and nodeFinished events for disabled and pinned nodes too', async () => {
    const wf = buildWorkflow(
      [T, { ...set('Off', 'x', 1), disabled: true }, set('Pin', 'p', 1)],
      ['Trigger -> Off', 'Off -> Pin'],
      {
        pinData: { Pin: [{ json: { pinned: true } }] },
      },
    );
    const { events } = await execute(wf);
    const started = events.flatMap((e) => (e.type === 'nodeStarted' ? [e.node] : []));
    const finished = events.flatMap((e) => (e.type === 'nodeFinished' ? [`${e.node}:${e.status}`] : []));
    expect(started).toEqual(['Trigger', 'Off', 'Pin']);
    expect(finished).toEqual(['Trigger:success', 'Off:disabled', 'Pin:pinned']);
  });

  it('replaces a node output with pinned data in manual runs only', async () => {
    const wf = buildWorkflow([T, set('A', 'a', 1), set('B', 'b', 1)], ['Trigger -> A', 'A -> B'], {
      pinData: { A: [{ json: { pinned: true } }] },
    });
    const manual = await execute(wf);
    expect(manual.state.runData.A[0].executionStatus).toBe('pinned');
    expect(manual.out.B).toEqual([[{ pinned: true, b: 1 }]]);
    const production = await execute(wf, { mode: 'trigger' });
    expect(production.out.B).toEqual([[{ a: 1, b: 1 }]]);
  });
});

describe('engine: hosts', () => {
  it('lets a checkpoint store failure reach the host without marking the run failed', async () => {
    const wf = buildWorkflow([T, set('A', 'a', 1)], ['Trigger -> A']);
    const engine = createEngine({ registry: testRegistry(), services: testServices() });
    const state = engine.start(wf, { executionId: 'e', mode: 'manual' });
    const failing = () => {
      throw new Error('disk full');
    };
    await expect(engine.run(wf, state, { onCheckpoint: failing })).rejects.toThrow('disk full');
    expect(state.status).toBe('running');
    expect(state.error).toBeUndefined();
  });
});

describe('engine: item sharing', () => {
  it('with freezeItems, a node that mutates its input fails instead of rewriting earlier run data', async () => {
    const mutate = defineNode({
      type: 'test.mutate',
      version: 1,
      displayName: 'Mutate',
      description: 'Changes its input in place (a bug).',
      group: 'data',
      inputs: ['main'],
      outputs: ['main'],
      params: {},
      run: (ctx) => {
        for (const item of ctx.items) item.json.changed = true;
        return [ctx.items];
      },
    });
    const registry = testRegistry().register(mutate);
    const wf = buildWorkflow(
      [T, set('A', 'a', 1), { name: 'Bad', type: 'test.mutate' }],
      ['Trigger -> A', 'A -> Bad'],
    );
    const engine = createEngine({ registry, services: testServices(), freezeItems: true });
    const state = engine.start(wf, { executionId: 'e', mode: 'manual' });
    await engine.run(wf, state);
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({ node: 'Bad', message: expect.stringContaining('changed') });
    expect(outputsByNode(state.runData).A).toEqual([[{ a: 1 }]]);
  });
});

describe('engine: errors', () => {
  it('stops on a node error with the node named, and never throws', async () => {
    const wf = buildWorkflow(
      [T, { name: 'Fail', type: 'test.fail', parameters: { message: 'no way' } }, set('B', 'b', 1)],
      ['Trigger -> Fail', 'Fail -> B'],
    );
    const { state } = await execute(wf);
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({ code: 'TEST_FAILURE', message: 'no way', node: 'Fail' });
    expect(state.runData.Fail[0]).toMatchObject({ executionStatus: 'error', error: { node: 'Fail' } });
    expect(state.runData.B).toBeUndefined();
    expect(state.finishedAt).toBeDefined();
  });

  it('continues on the regular output with { error } items', async () => {
    const wf = buildWorkflow(
      [T, { name: 'Fail', type: 'test.fail', onError: 'continueRegularOutput' }, set('B', 'b', 1)],
      ['Trigger -> Fail', 'Fail -> B'],
    );
    const { state, out } = await execute(wf, { triggerItems: [{ json: { a: 1 } }, { json: { a: 2 } }] });
    expect(state.status).toBe('success');
    expect(out.B).toEqual([
      [
        { error: 'boom', b: 1 },
        { error: 'boom', b: 1 },
      ],
    ]);
  });

  it('continues on the error output with the input fields plus error', async () => {
    const wf = buildWorkflow(
      [
        T,
        { name: 'Fail', type: 'test.fail', onError: 'continueErrorOutput' },
        set('Ok', 'ok', 1),
        set('Err', 'handled', 1),
      ],
      ['Trigger -> Fail', 'Fail:0 -> Ok', 'Fail:1 -> Err'],
    );
    const { out, state } = await execute(wf, { triggerItems: [{ json: { a: 1 } }] });
    expect(state.status).toBe('success');
    expect(out.Err).toEqual([[{ a: 1, error: 'boom', handled: 1 }]]);
    expect(state.runData.Ok).toBeUndefined();
  });

  it('routes items shaped { error } to the error output', async () => {
    const wf = buildWorkflow(
      [
        T,
        { name: 'Code', type: 'test.errorItems', onError: 'continueErrorOutput' },
        set('Ok', 'ok', 1),
        set('Err', 'e', 1),
      ],
      ['Trigger -> Code', 'Code:0 -> Ok', 'Code:1 -> Err'],
    );
    const { out } = await execute(wf, { triggerItems: [{ json: { n: 1 } }, { json: { n: 2, bad: true } }] });
    expect(out.Ok).toEqual([[{ n: 1, ok: 1 }]]);
    expect(out.Err).toEqual([[{ n: 2, bad: true, error: 'bad 1', e: 1 }]]);
  });

  it('retries with backoff through the clock and records the tries', async () => {
    const wf = buildWorkflow(
      [
        T,
        {
          name: 'Flaky',
          type: 'test.fail',
          parameters: { failTimes: 2 },
          retryOnFail: true,
          maxTries: 3,
          waitBetweenTries: 100,
          retryBackoff: 'exponential',
        },
      ],
      ['Trigger -> Flaky'],
    );
    const { state, clock, out } = await execute(wf);
    expect(state.status).toBe('success');
    expect(out.Flaky).toEqual([[{ tries: 3 }]]);
    expect(state.runData.Flaky[0].tries).toBe(3);
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('fails after maxTries with the default wait of 1000 ms', async () => {
    const wf = buildWorkflow([T, { name: 'Bad', type: 'test.fail', retryOnFail: true }], ['Trigger -> Bad']);
    const { state, clock } = await execute(wf);
    expect(state.status).toBe('error');
    expect(state.runData.Bad[0].tries).toBe(3);
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it('reports a static parameter that does not fit its schema as a node error naming the parameter', async () => {
    const bad = { name: 'Bad', type: 'test.fail', parameters: { failTimes: 'many' } };
    const stopped = await execute(buildWorkflow([T, bad], ['Trigger -> Bad']));
    expect(stopped.state.status).toBe('error');
    expect(stopped.state.error).toMatchObject({
      code: 'PARAMETER_INVALID',
      node: 'Bad',
      parameter: 'failTimes',
    });
    expect(stopped.state.runData.Bad[0].executionStatus).toBe('error');
    const continued = await execute(
      buildWorkflow(
        [T, { ...bad, onError: 'continueRegularOutput' as const }, set('After', 'after', true)],
        ['Trigger -> Bad', 'Bad -> After'],
      ),
    );
    expect(continued.state.status).toBe('success');
    expect(continued.out.After[0][0]).toMatchObject({
      after: true,
      error: expect.stringContaining('failTimes'),
    });
  });

  it('reports an unknown node type as a clear error naming the node', async () => {
    const wf = buildWorkflow([T, { name: 'Mystery', type: 'acme.unknown' }], ['Trigger -> Mystery']);
    const { state } = await execute(wf);
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({ code: 'NODE_TYPE_UNKNOWN', node: 'Mystery' });
  });
});
