import { describe, expect, it } from 'vitest';
import { p } from '../sdk/params.ts';
import { defineNode } from '../sdk/define-node.ts';
import { createEngine } from './engine.ts';
import { buildWorkflow, outputsByNode, testRegistry, testServices } from './test-kit.ts';

const greeting = defineNode({
  type: 'test.greeting',
  version: 1,
  displayName: 'Greeting',
  description: 'Sub-node: supplies a greeting built from the root node’s item.',
  group: 'ai',
  inputs: [],
  outputs: ['ai_tool'],
  params: { text: p.string({ label: 'Text' }) },
  run: () => [[]],
  supplyData: (ctx, itemIndex) => ctx.params(itemIndex).text,
});

const root = defineNode({
  type: 'test.root',
  version: 1,
  displayName: 'Root',
  description: 'Collects what its ai_tool sub-nodes supply, per item.',
  group: 'ai',
  inputs: ['main', 'ai_tool'],
  outputs: ['main'],
  params: {},
  async run(ctx) {
    const out = [];
    for (let i = 0; i < ctx.items.length; i++) {
      const supplied = await ctx.subNodes('ai_tool', i);
      out.push({ json: { supplied: supplied.map((s) => `${s.node}:${String(s.data)}`) } });
    }
    return [out];
  },
});

describe('sub-nodes (ai_* connections)', () => {
  it('a root node gets what each enabled sub-node supplies, resolved against its own items; sub-nodes never run alone', async () => {
    const engine = createEngine({
      registry: testRegistry().register(greeting).register(root),
      services: testServices(),
    });
    const workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        { name: 'Root', type: 'test.root' },
        { name: 'Hello', type: 'test.greeting', parameters: { text: '=hello {{ $json.who }}' } },
        { name: 'Off', type: 'test.greeting', parameters: { text: 'never' }, disabled: true },
      ],
      ['Trigger -> Root'],
    );
    workflow.connections.Hello = { ai_tool: [[{ node: 'Root', type: 'ai_tool', index: 0 }]] };
    workflow.connections.Off = { ai_tool: [[{ node: 'Root', type: 'ai_tool', index: 0 }]] };
    const state = engine.start(workflow, {
      executionId: 'sub-1',
      mode: 'manual',
      triggerItems: [{ json: { who: 'Ann' } }, { json: { who: 'Bob' } }],
    });
    await engine.run(workflow, state);
    expect(state.status).toBe('success');
    expect(outputsByNode(state.runData).Root).toEqual([
      [{ supplied: ['Hello:hello Ann'] }, { supplied: ['Hello:hello Bob'] }],
    ]);
    expect(state.runData.Hello).toBeUndefined();
  });

  it('a node without supplyData connected as a sub-node is a clear error', async () => {
    const engine = createEngine({ registry: testRegistry().register(root), services: testServices() });
    const workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        { name: 'Root', type: 'test.root' },
        { name: 'Set', type: 'test.set' },
      ],
      ['Trigger -> Root'],
    );
    workflow.connections.Set = { ai_tool: [[{ node: 'Root', type: 'ai_tool', index: 0 }]] };
    const state = engine.start(workflow, { executionId: 'sub-2', mode: 'manual' });
    await engine.run(workflow, state);
    expect(state.status).toBe('error');
    expect(state.runData.Root?.[0]?.error?.code).toBe('SUB_NODE_INVALID');
  });
});
