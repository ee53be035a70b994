import {
  createEngine,
  createInProcessSubWorkflowRunner,
  type NodeServices,
  type SubWorkflowRequest,
  testNode,
  testNodeError,
  type Workflow,
} from '@guixu/core';
import { buildWorkflow, outputsByNode, testRegistry, testServices } from '@guixu/core/test-kit';
import { describe, expect, it } from 'vitest';
import trigger from '../execute-workflow-trigger/execute-workflow-trigger.node.ts';
import executeWorkflow from './execute-workflow.node.ts';

const child = buildWorkflow(
  [
    { name: 'Start', type: 'guixu.executeWorkflowTrigger', parameters: { inputSource: 'passthrough' } },
    { name: 'Mark', type: 'test.set', parameters: { field: 'child', value: 'true' } },
  ],
  ['Start -> Mark'],
  { id: 'child-1', name: 'Child' },
);
const failing = buildWorkflow(
  [
    { name: 'Start', type: 'guixu.executeWorkflowTrigger' },
    { name: 'Boom', type: 'test.fail', parameters: {} },
  ],
  ['Start -> Boom'],
  { id: 'bad', name: 'Bad' },
);

function host() {
  const registry = testRegistry().register(trigger).register(executeWorkflow);
  const services: NodeServices = testServices();
  const engine = createEngine({ registry, services });
  const requests: SubWorkflowRequest[] = [];
  const runner = createInProcessSubWorkflowRunner({
    engine,
    loadWorkflow: async (ref) => {
      const found = [child, failing].find((w) => w.id === ref.id || ref.path === `/flows/${w.id}.json`);
      if (!found) throw new Error(`no workflow ${ref.id ?? ref.path}`);
      return found;
    },
  });
  services.subWorkflows = {
    run: (request) => {
      requests.push(request);
      return runner.run(request);
    },
  };
  return { engine, services, requests };
}

describe('Execute Workflow', () => {
  it('runs a stored workflow once with all items and outputs its result', async () => {
    const { services, requests } = host();
    const result = await testNode(executeWorkflow, {
      parameters: { workflowId: { __rl: true, mode: 'list', value: 'child-1', cachedResultName: 'Child' } },
      items: [{ n: 1 }, { n: 2 }],
      services,
    });
    expect(result.json).toEqual([
      [
        { n: 1, child: true },
        { n: 2, child: true },
      ],
    ]);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      workflow: { id: 'child-1' },
      wait: true,
      parent: { node: 'Execute Workflow' },
    });
  });

  it('runs once per item in "each" mode, pairing outputs with their item', async () => {
    const { services, requests } = host();
    const result = await testNode(executeWorkflow, {
      parameters: { source: 'localFile', workflowPath: '/flows/child-1.json', mode: 'each' },
      items: [{ n: 1 }, { n: 2 }],
      services,
    });
    expect(requests).toHaveLength(2);
    expect(result.outputs[0].map((i) => [i.json.n, i.pairedItem])).toEqual([
      [1, { item: 0 }],
      [2, { item: 1 }],
    ]);
  });

  it('maps defined workflow inputs and runs an inline workflow document', async () => {
    const { services } = host();
    const result = await testNode(executeWorkflow, {
      parameters: {
        source: 'parameter',
        workflowJson: JSON.stringify(child),
        workflowInputs: { mappingMode: 'defineBelow', value: { id: 7, label: 'x' } },
      },
      items: [{ ignored: true }],
      services,
    });
    expect(result.json).toEqual([[{ id: 7, label: 'x', child: true }]]);
  });

  it('passes the input through without waiting', async () => {
    const { services, requests } = host();
    const result = await testNode(executeWorkflow, {
      parameters: { workflowId: 'child-1', options: { waitForSubWorkflow: false } },
      items: [{ n: 1 }],
      services,
    });
    expect(result.json).toEqual([[{ n: 1 }]]);
    expect(requests[0].wait).toBe(false);
  });

  it('fails clearly without a runner, without a workflow, or with a bad document', async () => {
    const none = await testNodeError(executeWorkflow, { parameters: { workflowId: 'x' } });
    expect(none).toMatchObject({
      code: 'SUBWORKFLOWS_UNAVAILABLE',
      message: 'This host cannot run sub-workflows',
    });
    const { services } = host();
    const missing = await testNodeError(executeWorkflow, { parameters: {}, services });
    expect(missing).toMatchObject({ code: 'PARAMETER_INVALID', parameter: 'workflowId' });
    const bad = await testNodeError(executeWorkflow, {
      parameters: { source: 'parameter', workflowJson: '{"nodes": 3}' },
      services,
    });
    expect(bad.message).toContain('The workflow JSON is not a valid workflow at nodes');
  });

  it("reports the child's failure, or an error item per failed item when continuing", async () => {
    const { services } = host();
    const error = await testNodeError(executeWorkflow, { parameters: { workflowId: 'bad' }, services });
    expect(error.code).toBe('SUBWORKFLOW_FAILED');
    const result = await testNode(executeWorkflow, {
      parameters: { workflowId: 'bad', mode: 'each' },
      items: [{ n: 1 }],
      onError: 'continueRegularOutput',
      services,
    });
    expect(String(result.json[0][0].error)).toContain('Sub-workflow "Bad" failed');
  });

  it('runs inside a parent workflow through the engine', async () => {
    const { engine } = host();
    const parent: Workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        { name: 'Call', type: 'guixu.executeWorkflow', parameters: { workflowId: 'child-1' } },
      ],
      ['Trigger -> Call'],
    );
    const state = engine.start(parent, {
      executionId: 'p1',
      mode: 'manual',
      triggerItems: [{ json: { a: 1 } }],
    });
    await engine.run(parent, state);
    expect(state.status).toBe('success');
    expect(outputsByNode(state.runData).Call).toEqual([[{ a: 1, child: true }]]);
  });
});

describe('Execute Workflow recursion', () => {
  it('stops a workflow that calls itself without end with SUBWORKFLOW_DEPTH', async () => {
    const registry = testRegistry().register(trigger).register(executeWorkflow);
    const services: NodeServices = testServices();
    const engine = createEngine({ registry, services });
    const loop = buildWorkflow(
      [
        { name: 'Start', type: 'guixu.executeWorkflowTrigger', parameters: { inputSource: 'passthrough' } },
        { name: 'Again', type: 'guixu.executeWorkflow', parameters: { workflowId: 'loop' } },
      ],
      ['Start -> Again'],
      { id: 'loop', name: 'Loop' },
    );
    services.subWorkflows = createInProcessSubWorkflowRunner({
      engine,
      loadWorkflow: async () => loop,
      maxDepth: 5,
    });
    const state = engine.start(loop, { executionId: 'top', mode: 'manual', triggerItems: [{ json: {} }] });
    await engine.run(loop, state);
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({
      code: 'SUBWORKFLOW_DEPTH',
      node: 'Again',
      message: 'Sub-workflow "Loop" would nest 6 levels deep (limit 5); does it call itself without end?',
    });
  });
});
