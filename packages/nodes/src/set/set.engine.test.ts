import { createEngine, MemoryBinaryStore, NodeRegistry, systemClock, type Workflow } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import noOp from '../no-op/no-op.node.ts';
import set from './set.node.ts';

const registry = new NodeRegistry();
registry.register(noOp);
registry.register(set);
const engine = createEngine({ registry, services: { binary: new MemoryBinaryStore(), clock: systemClock } });

function chain(onError: 'continueErrorOutput' | 'continueRegularOutput'): Workflow {
  const node = (name: string, type: string, parameters: Record<string, unknown>) => ({
    id: name,
    name,
    type,
    typeVersion: 1,
    position: [0, 0] as [number, number],
    parameters,
  });
  return {
    name: 'set errors',
    nodes: [
      node('Start', 'guixu.noOp', {}),
      {
        ...node('Edit Fields', 'guixu.set', {
          assignments: { assignments: [{ id: '1', name: 'age', type: 'number', value: '={{ $json.age }}' }] },
        }),
        onError,
      },
      node('Good', 'guixu.noOp', {}),
      node('Bad', 'guixu.noOp', {}),
    ],
    connections: {
      Start: { main: [[{ node: 'Edit Fields', type: 'main', index: 0 }]] },
      'Edit Fields': {
        main: [[{ node: 'Good', type: 'main', index: 0 }], [{ node: 'Bad', type: 'main', index: 0 }]],
      },
    },
    settings: {},
  };
}

async function run(workflow: Workflow) {
  const items = [{ json: { name: 'Ann', age: '31' } }, { json: { name: 'Bob', age: 'old' } }];
  const state = engine.start(workflow, {
    executionId: 'x',
    mode: 'manual',
    triggerNode: 'Start',
    triggerItems: items,
  });
  const done = await engine.run(workflow, state);
  const out = (name: string) => done.runData[name]?.[0]?.data?.main[0]?.map((item) => item.json);
  return { status: done.status, good: out('Good'), bad: out('Bad'), set: done.runData['Edit Fields']?.[0] };
}

describe('Edit Fields (Set) in a workflow', () => {
  it('sends failed items to the error output with their input fields', async () => {
    const result = await run(chain('continueErrorOutput'));
    expect(result.status).toBe('success');
    expect(result.good).toEqual([{ age: 31 }]);
    expect(result.bad).toEqual([
      { name: 'Bob', age: 'old', error: "'age' expects a number but we got 'old' [item 1]" },
    ]);
  });

  it('keeps failed items as error items on the regular output', async () => {
    const result = await run(chain('continueRegularOutput'));
    expect(result.good).toEqual([{ age: 31 }, { error: "'age' expects a number but we got 'old' [item 1]" }]);
  });
});
