import { describe, expect, it } from 'vitest';
import type { NodeRunSource } from '../run-data.ts';
import { defineNode } from '../sdk/define-node.ts';
import { createEngine } from './engine.ts';
import { buildWorkflow, testRegistry, testServices } from './test-kit.ts';

describe('node run context: source', () => {
  it('gives each run the sources recorded for it, frozen so a node cannot rewrite run data', async () => {
    const seen: (readonly (Readonly<NodeRunSource> | null)[])[] = [];
    const probe = defineNode({
      type: 'test.sourceProbe',
      version: 1,
      displayName: 'Source probe',
      description: 'Records ctx.source and tries to change it.',
      group: 'flow',
      inputs: ['main', 'main'],
      outputs: ['main'],
      params: {},
      run(ctx) {
        seen.push(ctx.source);
        expect(Reflect.defineProperty(ctx.source, 1, { value: null })).toBe(false);
        const first = ctx.source[1];
        if (first) expect(Reflect.set(first, 'previousNode', 'Elsewhere')).toBe(false);
        return [ctx.items];
      },
    });
    const engine = createEngine({ registry: testRegistry().register(probe), services: testServices() });
    const workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        { name: 'Split', type: 'test.if', parameters: { field: 'ok' } },
        { name: 'Probe', type: 'test.sourceProbe' },
      ],
      ['Trigger -> Split', 'Split:1 -> Probe:1'],
    );
    const state = engine.start(workflow, {
      executionId: 'source-1',
      mode: 'manual',
      triggerItems: [{ json: {} }],
    });
    await engine.run(workflow, state);
    expect(state.status).toBe('success');
    expect(seen).toEqual([[null, { previousNode: 'Split', previousNodeOutput: 1, previousNodeRun: 0 }]]);
    expect(Object.isFrozen(seen[0])).toBe(true);
    expect(state.runData.Probe?.[0]?.source).toEqual(seen[0]);
  });
});
