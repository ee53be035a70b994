import { describe, expect, it } from 'vitest';
import type { Workflow } from '../workflow/schema.ts';
import { createEngine } from './engine.ts';
import { buildWorkflow, FakeClock, outputsByNode, testRegistry, testServices } from './test-kit.ts';

const T = { name: 'Trigger', type: 'test.trigger' };

async function run(workflow: Workflow, engineOptions: { timezone?: string } = {}) {
  const engine = createEngine({
    registry: testRegistry(),
    services: testServices(new FakeClock()),
    ...engineOptions,
  });
  return engine.run(workflow, engine.start(workflow, { executionId: 'e1', mode: 'manual' }));
}

const failing = (settings: Workflow['settings']) =>
  buildWorkflow(
    [T, { name: 'A', type: 'test.set', parameters: { field: 'a', value: '={{ $json.missing.deep }}' } }],
    ['Trigger -> A'],
    { settings },
  );

describe('workflow settings that reach expressions', () => {
  it('a runtime error fails the node by default, with the error', async () => {
    const state = await run(failing({}));
    expect(state.status).toBe('error');
    expect(state.error?.message).toContain("Cannot read properties of undefined (reading 'deep')");
  });

  it('expressionErrors "null" makes the expression null instead, as n8n does', async () => {
    const state = await run(failing({ expressionErrors: 'null' }));
    expect(state.status).toBe('success');
    expect(outputsByNode(state.runData).A).toEqual([[{ a: null }]]);
  });

  it('expressions use settings.timezone, else the engine default time zone, else UTC', async () => {
    const at = (settings: Workflow['settings']) =>
      buildWorkflow(
        [T, { name: 'A', type: 'test.set', parameters: { field: 'zone', value: '={{ [$now.zoneName] }}' } }],
        ['Trigger -> A'],
        { settings },
      );
    const zone = async (settings: Workflow['settings'], options?: { timezone?: string }) =>
      outputsByNode((await run(at(settings), options)).runData).A;
    expect(await zone({})).toEqual([[{ zone: ['UTC'] }]]);
    expect(await zone({}, { timezone: 'Asia/Tokyo' })).toEqual([[{ zone: ['Asia/Tokyo'] }]]);
    expect(await zone({ timezone: 'Europe/Paris' }, { timezone: 'Asia/Tokyo' })).toEqual([
      [{ zone: ['Europe/Paris'] }],
    ]);
  });
});
