import {
  createEngine,
  createInProcessSubWorkflowRunner,
  type NodeServices,
  type SubWorkflowRequest,
  type SubWorkflowResult,
  type Workflow,
} from '@guixu/core';
import { buildWorkflow, FakeClock, outputsByNode, testRegistry, testServices } from '@guixu/core/test-kit';
import { describe, expect, it } from 'vitest';
import trigger from '../execute-workflow-trigger/execute-workflow-trigger.node.ts';
import executeWorkflow from './execute-workflow.node.ts';

/** A host whose children wait when `waits(request)` says so, and finish at once otherwise. */
function host(waits: (request: SubWorkflowRequest) => boolean) {
  const registry = testRegistry().register(trigger).register(executeWorkflow);
  const services: NodeServices = testServices();
  const engine = createEngine({ registry, services });
  const requests: SubWorkflowRequest[] = [];
  services.subWorkflows = {
    async run(request): Promise<SubWorkflowResult> {
      requests.push(request);
      const executionId = `child-${requests.length}`;
      if (waits(request)) return { executionId, waiting: true };
      return { executionId, items: request.items.map((item) => ({ json: { ...item.json, quick: true } })) };
    },
  };
  return { engine, requests };
}

function parent(parameters: Record<string, unknown>, extra: { onError?: 'continueRegularOutput' } = {}) {
  return buildWorkflow(
    [
      { name: 'Trigger', type: 'test.trigger' },
      {
        name: 'Call',
        type: 'guixu.executeWorkflow',
        parameters: { workflowId: 'child', ...parameters },
        ...extra,
      },
      { name: 'After', type: 'test.set', parameters: { field: 'after', value: '"yes"' } },
    ],
    ['Trigger -> Call', 'Call -> After'],
  );
}

const items = (...ns: number[]) => ns.map((n) => ({ json: { n } }));

describe('Execute Workflow with a sub-workflow that waits', () => {
  it('suspends the parent with the child linked, and resumes with the child output', async () => {
    const { engine, requests } = host(() => true);
    const workflow = parent({});
    const state = engine.start(workflow, { executionId: 'p', mode: 'manual', triggerItems: items(1, 2) });
    await engine.run(workflow, state);
    expect(state.status).toBe('waiting');
    expect(requests[0].parent).toMatchObject({ executionId: 'p', node: 'Call', runIndex: 0 });
    expect(state.suspended).toMatchObject({
      node: 'Call',
      runIndex: 0,
      waitTill: null,
      resumeOn: ['subworkflow'],
      data: { subWorkflow: { executionId: 'child-1', mode: 'once', index: 0, out: [] } },
    });
    // Through JSON, as the server stores it.
    const stored = JSON.parse(JSON.stringify(state));
    await engine.resume(workflow, stored, {
      reason: 'subworkflow',
      subWorkflow: { executionId: 'child-1', status: 'success' },
      items: [{ json: { done: 1 } }, { json: { done: 2 } }],
    });
    expect(stored.error ?? stored.status).toBe('success');
    expect(stored.runData.Call).toHaveLength(1);
    expect(stored.runData.Call[0].data.main[0]).toEqual([
      { json: { done: 1 }, pairedItem: [{ item: 0 }, { item: 1 }] },
      { json: { done: 2 }, pairedItem: [{ item: 0 }, { item: 1 }] },
    ]);
    expect(outputsByNode(stored.runData).After).toEqual([
      [
        { done: 1, after: 'yes' },
        { done: 2, after: 'yes' },
      ],
    ]);
  });

  it('in "each" mode keeps what earlier children returned and calls the rest after a resume', async () => {
    const { engine, requests } = host((request) => request.items[0]?.json.n === 2);
    const workflow = parent({ mode: 'each' });
    const state = engine.start(workflow, { executionId: 'p', mode: 'manual', triggerItems: items(1, 2, 3) });
    await engine.run(workflow, state);
    expect(state.status).toBe('waiting');
    expect(requests.map((r) => r.parent.itemIndex)).toEqual([0, 1]);
    expect(state.suspended?.data).toMatchObject({
      subWorkflow: { executionId: 'child-2', mode: 'each', index: 1 },
    });
    const stored = JSON.parse(JSON.stringify(state));
    await engine.resume(workflow, stored, {
      reason: 'subworkflow',
      subWorkflow: { executionId: 'child-2', status: 'success' },
      items: [{ json: { n: 2, waited: true } }],
    });
    expect(stored.error ?? stored.status).toBe('success');
    expect(requests.map((r) => r.parent.itemIndex)).toEqual([0, 1, 2]);
    expect(
      stored.runData.Call[0].data.main[0].map((i: { json: unknown; pairedItem: unknown }) => [
        i.json,
        i.pairedItem,
      ]),
    ).toEqual([
      [{ n: 1, quick: true }, { item: 0 }],
      [{ n: 2, waited: true }, { item: 1 }],
      [{ n: 3, quick: true }, { item: 2 }],
    ]);
  });

  it('fails the node when the child failed or was canceled, honouring onError', async () => {
    const failed = host(() => true);
    const stop = parent({});
    const a = failed.engine.start(stop, { executionId: 'p', mode: 'manual', triggerItems: items(1) });
    await failed.engine.run(stop, a);
    await failed.engine.resume(stop, a, {
      reason: 'subworkflow',
      subWorkflow: {
        executionId: 'child-1',
        status: 'error',
        error: { code: 'NODE_OPERATION_FAILED', message: 'boom', node: 'Explode' },
      },
    });
    expect(a.status).toBe('error');
    expect(a.error).toMatchObject({
      code: 'SUBWORKFLOW_FAILED',
      node: 'Call',
      message: 'Sub-workflow execution child-1 failed in node "Explode": boom',
    });

    const canceled = host(() => true);
    const goOn = parent({ mode: 'each' }, { onError: 'continueRegularOutput' });
    const b = canceled.engine.start(goOn, { executionId: 'p', mode: 'manual', triggerItems: items(1) });
    await canceled.engine.run(goOn, b);
    await canceled.engine.resume(goOn, b, {
      reason: 'subworkflow',
      subWorkflow: { executionId: 'child-1', status: 'canceled' },
    });
    expect(b.error ?? b.status).toBe('success');
    expect(outputsByNode(b.runData).Call).toEqual([
      [{ error: 'The sub-workflow execution child-1 was canceled before it finished' }],
    ]);
  });

  it('refuses a resume for another child (a stale link) as a bug, not as output', async () => {
    const { engine } = host(() => true);
    const workflow = parent({});
    const state = engine.start(workflow, { executionId: 'p', mode: 'manual', triggerItems: items(1) });
    await engine.run(workflow, state);
    await engine.resume(workflow, state, {
      reason: 'subworkflow',
      subWorkflow: { executionId: 'someone-else', status: 'success' },
    });
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({ code: 'SUBWORKFLOW_RESUME_MISMATCH', node: 'Call' });
  });

  it('does not wait in "don\'t wait" mode: the input passes through', async () => {
    const { engine } = host(() => true);
    const workflow = parent({ options: { waitForSubWorkflow: false } });
    const state = engine.start(workflow, { executionId: 'p', mode: 'manual', triggerItems: items(1) });
    await engine.run(workflow, state);
    expect(state.error ?? state.status).toBe('success');
    expect(outputsByNode(state.runData).Call).toEqual([[{ n: 1 }]]);
  });
});

describe('the in-process runner (CLI) with a child that waits', () => {
  const child: Workflow = buildWorkflow(
    [
      { name: 'Start', type: 'guixu.executeWorkflowTrigger', parameters: { inputSource: 'passthrough' } },
      { name: 'Pause', type: 'test.wait', parameters: { until: '2026-01-01T00:00:30.000Z' } },
    ],
    ['Start -> Pause'],
    { id: 'child', name: 'Child' },
  );
  const hookChild: Workflow = buildWorkflow(
    [
      { name: 'Start', type: 'guixu.executeWorkflowTrigger', parameters: { inputSource: 'passthrough' } },
      { name: 'Hook', type: 'test.wait', parameters: {} },
    ],
    ['Start -> Hook'],
    { id: 'child', name: 'Hook child' },
  );

  function cli(document: Workflow, maxWaitMs: number) {
    const registry = testRegistry().register(trigger).register(executeWorkflow);
    const clock = new FakeClock();
    const services: NodeServices = testServices(clock);
    const engine = createEngine({ registry, services });
    services.subWorkflows = createInProcessSubWorkflowRunner({
      engine,
      loadWorkflow: async () => document,
      maxWaitMs,
    });
    return { engine, clock };
  }

  it('sleeps through a short time wait of the child and outputs its items', async () => {
    const { engine, clock } = cli(child, 60_000);
    const workflow = parent({});
    const state = engine.start(workflow, { executionId: 'p', mode: 'cli', triggerItems: items(1) });
    await engine.run(workflow, state);
    expect(state.error ?? state.status).toBe('success');
    expect(clock.sleeps).toEqual([30_000]);
    expect(outputsByNode(state.runData).Call).toEqual([[{ n: 1, resumedWith: { count: 1 } }]]);
  });

  it('says clearly that it cannot wait for a webhook or a long wait', async () => {
    const { engine } = cli(hookChild, 60_000);
    const workflow = parent({});
    const state = engine.start(workflow, { executionId: 'p', mode: 'cli', triggerItems: items(1) });
    await engine.run(workflow, state);
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({
      code: 'SUBWORKFLOW_NOT_FINISHED',
      node: 'Call',
      message:
        'Sub-workflow "Hook child" waits at node "Hook" for a call to resume it; this runner keeps nothing, so it cannot wait for it',
    });
    expect(state.error?.description).toContain('guixu start');
  });
});
