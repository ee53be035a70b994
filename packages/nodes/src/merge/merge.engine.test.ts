import { createEngine } from '@guixu/core';
import { buildWorkflow, outputsByNode, testRegistry, testServices } from '@guixu/core/test-kit';
import { describe, expect, it } from 'vitest';
import merge from './merge.node.ts';

const registry = testRegistry().register(merge);

describe('Merge in workflows', () => {
  it('waits for both branches, then joins them once', async () => {
    const workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        { name: 'Users', type: 'test.set', parameters: { field: 'name', value: '"Ann"' } },
        { name: 'Orders', type: 'test.set', parameters: { field: 'total', value: '9' } },
        { name: 'Merge', type: 'guixu.merge', parameters: { mode: 'combine', fieldsToMatchString: 'id' } },
      ],
      ['Trigger -> Users', 'Trigger -> Orders', 'Users -> Merge:0', 'Orders -> Merge:1'],
    );
    const engine = createEngine({ registry, services: testServices() });
    const state = engine.start(workflow, {
      executionId: 'm1',
      mode: 'manual',
      triggerItems: [{ json: { id: 1 } }],
    });
    await engine.run(workflow, state);
    expect(state.status).toBe('success');
    expect(state.runData.Merge).toHaveLength(1);
    expect(outputsByNode(state.runData).Merge).toEqual([[{ id: 1, name: 'Ann', total: 9 }]]);
  });

  it('appends three inputs in input order', async () => {
    const workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        { name: 'A', type: 'test.set', parameters: { field: 'from', value: '"a"' } },
        { name: 'B', type: 'test.set', parameters: { field: 'from', value: '"b"' } },
        { name: 'C', type: 'test.set', parameters: { field: 'from', value: '"c"' } },
        { name: 'Merge', type: 'guixu.merge', parameters: { numberInputs: 3 } },
      ],
      ['Trigger -> C', 'Trigger -> B', 'Trigger -> A', 'A -> Merge:0', 'B -> Merge:1', 'C -> Merge:2'],
    );
    const engine = createEngine({ registry, services: testServices() });
    const state = engine.start(workflow, { executionId: 'm2', mode: 'manual', triggerItems: [{ json: {} }] });
    await engine.run(workflow, state);
    expect(outputsByNode(state.runData).Merge).toEqual([[{ from: 'a' }, { from: 'b' }, { from: 'c' }]]);
  });
});
