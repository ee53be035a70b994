import { describe, expect, it } from 'vitest';
import { systemClock } from '../ports.ts';
import type { Workflow } from '../workflow/schema.ts';
import { createEngine } from './engine.ts';
import { createInProcessSubWorkflowRunner } from './sub-workflow.ts';
import { buildWorkflow, FakeClock, outputsByNode, testRegistry, testServices } from './test-kit.ts';
import type { Checkpoint, EngineEvent, StartOptions } from './types.ts';

const T = { name: 'Trigger', type: 'test.trigger' };
const set = (name: string, field: string, value: unknown) => ({
  name,
  type: 'test.set',
  parameters: { field, value: JSON.stringify(value) },
});

function setup(clock = new FakeClock()) {
  const engine = createEngine({ registry: testRegistry(), services: testServices(clock) });
  return { engine, clock };
}

async function execute(workflow: Workflow, start: Partial<StartOptions> = {}, signal?: AbortSignal) {
  const { engine } = setup();
  const state = engine.start(workflow, { executionId: 'e1', mode: 'manual', ...start });
  await engine.run(workflow, state, { signal });
  return { state, engine, out: outputsByNode(state.runData) };
}

const loopWorkflow = () =>
  buildWorkflow(
    [T, { name: 'Loop', type: 'test.loop' }, set('Body', 'seen', true), set('Done', 'finished', true)],
    ['Trigger -> Loop', 'Loop:1 -> Body', 'Body -> Loop', 'Loop:0 -> Done'],
  );

describe('engine: loops', () => {
  it('re-enters a node with an incremented run index until the loop is done', async () => {
    const { state, out } = await execute(loopWorkflow(), {
      triggerItems: [{ json: { n: 1 } }, { json: { n: 2 } }, { json: { n: 3 } }],
    });
    expect(state.status).toBe('success');
    expect(state.runData.Loop).toHaveLength(4);
    expect(out.Body).toEqual([[{ n: 1, seen: true }], [{ n: 2, seen: true }], [{ n: 3, seen: true }]]);
    expect(out.Done).toEqual([
      [
        { n: 1, seen: true, finished: true },
        { n: 2, seen: true, finished: true },
        { n: 3, seen: true, finished: true },
      ],
    ]);
    expect(state.runData.Loop[2].source).toEqual([
      { previousNode: 'Body', previousNodeOutput: 0, previousNodeRun: 1 },
    ]);
    expect(state.nodeState).toEqual({});
  });

  it('stops a runaway loop with LOOP_LIMIT naming the node', async () => {
    const wf = buildWorkflow([T, set('A', 'a', 1), set('B', 'b', 1)], ['Trigger -> A', 'A -> B', 'B -> A'], {
      settings: { maxNodeRuns: 50 },
    });
    const { state } = await execute(wf);
    expect(state.status).toBe('error');
    expect(state.nodeRunCount).toBe(50);
    expect(state.error).toMatchObject({ code: 'LOOP_LIMIT', node: expect.stringMatching(/^[AB]$/) });
    expect(state.error?.message).toContain('50 node runs');
  });
});

describe('engine: timeouts and cancellation', () => {
  it('fails a node that passes its timeout with NODE_TIMEOUT', async () => {
    const wf = buildWorkflow([T, { name: 'Slow', type: 'test.hang', timeout: 20 }], ['Trigger -> Slow']);
    const engine = createEngine({ registry: testRegistry(), services: testServices(systemClock) });
    const state = engine.start(wf, { executionId: 'e', mode: 'manual' });
    await engine.run(wf, state);
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({ code: 'NODE_TIMEOUT', node: 'Slow' });
  });

  it('lets a timed-out node continue on the error output', async () => {
    const wf = buildWorkflow(
      [
        T,
        { name: 'Slow', type: 'test.hang', timeout: 10, onError: 'continueErrorOutput' },
        set('Late', 'late', true),
      ],
      ['Trigger -> Slow', 'Slow:1 -> Late'],
    );
    const engine = createEngine({ registry: testRegistry(), services: testServices(systemClock) });
    const state = engine.start(wf, { executionId: 'e', mode: 'manual' });
    await engine.run(wf, state);
    expect(state.status).toBe('success');
    expect(outputsByNode(state.runData).Late[0][0]).toMatchObject({
      late: true,
      error: expect.stringContaining('timeout'),
    });
  });

  it('stops the whole run with EXECUTION_TIMEOUT even if the node ignores its signal', async () => {
    const wf = buildWorkflow(
      [
        T,
        {
          name: 'Stuck',
          type: 'test.hang',
          parameters: { ignoreSignal: true },
          onError: 'continueRegularOutput',
        },
      ],
      ['Trigger -> Stuck'],
      { settings: { executionTimeout: 0.02 } },
    );
    const engine = createEngine({ registry: testRegistry(), services: testServices(systemClock) });
    const state = engine.start(wf, { executionId: 'e', mode: 'manual' });
    await engine.run(wf, state);
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({ code: 'EXECUTION_TIMEOUT', node: 'Stuck' });
  });

  it('cancels at once through the AbortSignal and records the run as canceled', async () => {
    const wf = buildWorkflow(
      [T, { name: 'Stuck', type: 'test.hang', parameters: { ignoreSignal: true } }],
      ['Trigger -> Stuck'],
    );
    const { engine } = setup();
    const controller = new AbortController();
    const events: EngineEvent[] = [];
    const state = engine.start(wf, { executionId: 'e', mode: 'manual' });
    const done = engine.run(wf, state, {
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'nodeStarted' && e.node === 'Stuck') queueMicrotask(() => controller.abort());
      },
    });
    await done;
    expect(state.status).toBe('canceled');
    expect(state.runData.Stuck[0].executionStatus).toBe('canceled');
    expect(events.at(-1)).toMatchObject({ type: 'executionFinished', status: 'canceled' });
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { state } = await execute(buildWorkflow([T], []), {}, controller.signal);
    expect(state.status).toBe('canceled');
    expect(state.runData).toEqual({});
  });
});

describe('engine: wait and resume', () => {
  const wf = () =>
    buildWorkflow(
      [T, { name: 'Wait', type: 'test.wait' }, set('After', 'after', true)],
      ['Trigger -> Wait', 'Wait -> After'],
    );

  it('suspends without sleeping, then resumes with the given input', async () => {
    const { engine } = setup();
    const workflow = wf();
    const state = engine.start(workflow, {
      executionId: 'e',
      mode: 'webhook',
      triggerItems: [{ json: { a: 1 } }],
    });
    const events: EngineEvent[] = [];
    await engine.run(workflow, state, { onEvent: (e) => void events.push(e) });
    expect(state.status).toBe('waiting');
    expect(state.waitTill).toBeNull();
    expect(state.suspended).toMatchObject({
      node: 'Wait',
      runIndex: 0,
      resumeOn: ['webhook'],
      data: { count: 1 },
    });
    expect(state.runData.Wait[0].executionStatus).toBe('waiting');
    expect(events.at(-1)).toEqual({
      type: 'executionWaiting',
      executionId: 'e',
      node: 'Wait',
      waitTill: null,
    });

    const stored = JSON.parse(JSON.stringify(state));
    await engine.resume(workflow, stored, { reason: 'webhook', items: [{ json: { answer: 42 } }] });
    expect(stored.status).toBe('success');
    expect(stored.suspended).toBeUndefined();
    expect(stored.runData.Wait).toHaveLength(1);
    expect(outputsByNode(stored.runData).After).toEqual([
      [{ a: 1, answer: 42, resumedWith: { count: 1 }, after: true }],
    ]);
  });

  it('does not count the time spent waiting against the workflow timeout (as n8n)', async () => {
    const workflow = buildWorkflow(
      [
        T,
        { name: 'Wait', type: 'test.wait', parameters: { until: '2026-01-01T01:00:00.000Z' } },
        set('After', 'after', true),
      ],
      ['Trigger -> Wait', 'Wait -> After'],
    );
    workflow.settings = { executionTimeout: 60 };
    // A clock whose timers only end when cancelled: time moves only when the test moves it.
    const clock = {
      time: Date.UTC(2026, 0, 1),
      now() {
        return this.time;
      },
      sleep: (_ms: number, signal?: AbortSignal) =>
        new Promise<void>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
    };
    const engine = createEngine({ registry: testRegistry(), services: testServices(clock) });
    const state = engine.start(workflow, { executionId: 'e', mode: 'manual' });
    await engine.run(workflow, state);
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('waiting');
    clock.time += 3_600_000;
    await engine.resume(workflow, state, { reason: 'time' });
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('success');
    // Still a limit for the time the execution actually runs after resuming.
    const slow = buildWorkflow(
      [T, { name: 'Wait', type: 'test.wait' }, set('After', 'after', true)],
      ['Trigger -> Wait', 'Wait -> After'],
    );
    slow.settings = { executionTimeout: 60 };
    const again = engine.start(slow, { executionId: 'e2', mode: 'manual' });
    await engine.run(slow, again);
    await engine.resume(slow, again, { reason: 'webhook' }, { activeSince: clock.time - 61_000 });
    expect(again.error?.code).toBe('EXECUTION_TIMEOUT');
  });

  it('records waitTill for time-based waits', async () => {
    const workflow = buildWorkflow(
      [T, { name: 'Wait', type: 'test.wait', parameters: { until: '2026-12-01T00:00:00.000Z' } }],
      ['Trigger -> Wait'],
    );
    const { state } = await execute(workflow);
    expect(state.status).toBe('waiting');
    expect(state.waitTill).toBe('2026-12-01T00:00:00.000Z');
  });

  it('cancels a waiting execution through a checkpoint', async () => {
    const { engine } = setup();
    const workflow = wf();
    const state = engine.start(workflow, { executionId: 'e', mode: 'webhook' });
    await engine.run(workflow, state);
    const checkpoints: Checkpoint[] = [];
    await engine.cancel(state, { onCheckpoint: (c) => void checkpoints.push(c) });
    expect(state.status).toBe('canceled');
    expect(state.suspended).toBeUndefined();
    expect(checkpoints).toHaveLength(1);
    expect(checkpoints[0]).toMatchObject({ status: 'canceled', suspended: null });
  });

  it('refuses to resume an execution that is not waiting', async () => {
    const { state, engine } = await execute(buildWorkflow([T], []));
    await expect(engine.resume(buildWorkflow([T], []), state, { reason: 'webhook' })).rejects.toMatchObject({
      code: 'EXECUTION_NOT_WAITING',
    });
  });
});

describe('engine: partial runs', () => {
  const wf = () =>
    buildWorkflow(
      [
        T,
        set('A', 'a', 1),
        { name: 'If', type: 'test.if', parameters: { field: 'a' } },
        set('B', 'b', 1),
        set('C', 'c', 1),
      ],
      ['Trigger -> A', 'A -> If', 'If:0 -> B', 'If:1 -> C', 'A -> C'],
    );

  it('runs only the ancestors of the destination and stops after it', async () => {
    const { state } = await execute(wf(), { destination: 'If' });
    expect(Object.keys(state.runData).sort()).toEqual(['A', 'If', 'Trigger']);
    expect(state.status).toBe('success');
  });

  it('runs one node from its parents stored outputs', async () => {
    const full = await execute(wf());
    const { state, out } = await execute(wf(), {
      runOne: { node: 'B', previousRunData: full.state.runData },
    });
    expect(Object.keys(state.runData).sort()).toEqual(['A', 'B', 'If', 'Trigger']);
    expect(state.runData.A).toBe(full.state.runData.A);
    expect(out.B).toEqual([[{ a: 1, b: 1 }]]);
    expect(state.nodeRunCount).toBe(1);
  });

  it('retries from the failed node reusing earlier outputs', async () => {
    const edges = ['Trigger -> A', 'A -> Flaky', 'Flaky -> B'];
    const broken = buildWorkflow(
      [T, set('A', 'a', 1), { name: 'Flaky', type: 'test.fail' }, set('B', 'b', 1)],
      edges,
    );
    const first = await execute(broken, { triggerItems: [{ json: { input: 'x' } }] });
    expect(first.state.status).toBe('error');
    // The user fixes the failed node, then retries from it.
    const fixed = buildWorkflow([T, set('A', 'a', 1), set('Flaky', 'fixed', true), set('B', 'b', 1)], edges);
    const { state, out } = await execute(fixed, {
      mode: 'retry',
      triggerItems: [],
      retryFrom: { node: 'Flaky', previousRunData: first.state.runData },
    });
    expect(state.status).toBe('success');
    expect(state.runData.A[0]).toBe(first.state.runData.A[0]);
    expect(state.nodeRunCount).toBe(4);
    expect(out.B).toEqual([[{ input: 'x', a: 1, fixed: true, b: 1 }]]);
  });

  it('refuses to run one node whose parents never ran, and runs a root node with the trigger input', async () => {
    const { engine } = setup();
    expect(() =>
      engine.start(wf(), { executionId: 'e', mode: 'manual', runOne: { node: 'B', previousRunData: {} } }),
    ).toThrow(/no stored input/);
    const { out } = await execute(wf(), {
      triggerItems: [{ json: { given: true } }],
      runOne: { node: 'Trigger', previousRunData: {} },
    });
    expect(out).toEqual({ Trigger: [[{ given: true }]] });
  });

  it('names a missing node in partial-run options', () => {
    const { engine } = setup();
    expect(() => engine.start(wf(), { executionId: 'e', mode: 'manual', destination: 'Nope' })).toThrow(
      /no node named "Nope"/,
    );
  });
});

describe('engine: sub-workflows', () => {
  it('runs a child workflow in-process and links the parent execution', async () => {
    const child = buildWorkflow([T, set('ChildSet', 'child', true)], ['Trigger -> ChildSet']);
    const { engine } = setup();
    const children: string[] = [];
    engine.options.services.subWorkflows = createInProcessSubWorkflowRunner({
      engine,
      newExecutionId: () => 'child-1',
      onChildFinished: (state) => void children.push(`${state.executionId}<-${state.parentExecutionId}`),
    });
    const result = await engine.options.services.subWorkflows.run({
      workflow: { document: child },
      items: [{ json: { v: 1 } }],
      wait: true,
      parent: { executionId: 'parent-1', node: 'Call' },
    });
    expect(result).toEqual({
      executionId: 'child-1',
      items: [{ json: { v: 1, child: true }, pairedItem: { item: 0 } }],
    });
    expect(children).toEqual(['child-1<-parent-1']);
  });

  it('turns a failed child into a SUBWORKFLOW_FAILED error naming the child node', async () => {
    const child = buildWorkflow([T, { name: 'Bad', type: 'test.fail' }], ['Trigger -> Bad']);
    const { engine } = setup();
    const runner = createInProcessSubWorkflowRunner({ engine });
    await expect(
      runner.run({
        workflow: { document: child },
        items: [{ json: {} }],
        wait: true,
        parent: { executionId: 'p', node: 'Call' },
      }),
    ).rejects.toMatchObject({
      code: 'SUBWORKFLOW_FAILED',
      node: 'Call',
      message: expect.stringContaining('"Bad"'),
    });
  });
});
