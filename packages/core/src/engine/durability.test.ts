import { describe, expect, it } from 'vitest';
import type { ResumeInput } from '../sdk/define-node.ts';
import type { Workflow } from '../workflow/schema.ts';
import { rebuildState } from './checkpoint.ts';
import { checkDurability } from './durability.ts';
import { createEngine } from './engine.ts';
import { buildWorkflow, testRegistry, testServices } from './test-kit.ts';
import type { Checkpoint } from './types.ts';

const T = { name: 'Trigger', type: 'test.trigger' };
const set = (name: string, field: string, value: unknown) => ({
  name,
  type: 'test.set',
  parameters: { field, value: JSON.stringify(value) },
});
const items = [{ json: { n: 1, ok: true } }, { json: { n: 2, ok: false } }, { json: { n: 3, ok: true } }];

const cases: Record<string, { workflow: Workflow; resumes?: ResumeInput[] }> = {
  branchesAndMerge: {
    workflow: buildWorkflow(
      [
        T,
        { name: 'If', type: 'test.if' },
        set('A', 'a', 1),
        set('B', 'b', 2),
        { name: 'Merge', type: 'test.merge' },
        set('End', 'end', true),
      ],
      ['Trigger -> If', 'If:0 -> A', 'If:1 -> B', 'A -> Merge:0', 'B -> Merge:1', 'Merge -> End'],
    ),
  },
  loopWithState: {
    workflow: buildWorkflow(
      [T, { name: 'Loop', type: 'test.loop' }, set('Body', 'seen', true), set('Done', 'finished', true)],
      ['Trigger -> Loop', 'Loop:1 -> Body', 'Body -> Loop', 'Loop:0 -> Done'],
    ),
  },
  partialMerge: {
    workflow: buildWorkflow(
      [
        T,
        { name: 'If', type: 'test.if', parameters: { field: 'missing' } },
        set('A', 'a', 1),
        { name: 'Merge', type: 'test.merge' },
      ],
      ['Trigger -> If', 'If:0 -> A', 'A -> Merge:0', 'If:1 -> Merge:1'],
    ),
  },
  errorOutputAndRetries: {
    workflow: buildWorkflow(
      [
        T,
        {
          name: 'Flaky',
          type: 'test.fail',
          parameters: { failTimes: 2 },
          retryOnFail: true,
          waitBetweenTries: 5,
        },
        { name: 'Fail', type: 'test.fail', onError: 'continueErrorOutput' },
        set('Handled', 'handled', true),
      ],
      ['Trigger -> Flaky', 'Flaky -> Fail', 'Fail:1 -> Handled'],
    ),
  },
  stopOnError: {
    workflow: buildWorkflow(
      [T, set('A', 'a', 1), { name: 'Fail', type: 'test.fail' }],
      ['Trigger -> A', 'A -> Fail'],
    ),
  },
  waitTwice: {
    workflow: buildWorkflow(
      [
        T,
        { name: 'Wait', type: 'test.wait' },
        { name: 'Wait2', type: 'test.wait' },
        set('After', 'after', true),
      ],
      ['Trigger -> Wait', 'Wait -> Wait2', 'Wait2 -> After'],
    ),
    resumes: [
      { reason: 'webhook', items: [{ json: { first: 1 } }] },
      { reason: 'webhook', items: [{ json: { second: 2 } }] },
    ],
  },
};

describe('durable execution', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: rebuilding from checkpoints at any point gives the same run`, async () => {
      const engine = createEngine({ registry: testRegistry(), services: testServices() });
      const result = await checkDurability({
        engine,
        workflow: c.workflow,
        start: { executionId: 'e', mode: 'manual', triggerItems: items },
        resumes: c.resumes,
      });
      expect(result.checkpoints.length).toBeGreaterThan(2);
      expect(result.mismatches, `${name}\n${result.mismatches.join('\n')}`).toEqual([]);
      expect(['success', 'error']).toContain(result.reference.status);
    });
  }

  it('replays from a checkpoint with edited data', async () => {
    const workflow = buildWorkflow([T, set('A', 'a', 1), set('B', 'b', 2)], ['Trigger -> A', 'A -> B']);
    const engine = createEngine({ registry: testRegistry(), services: testServices() });
    const start = engine.start(workflow, {
      executionId: 'e',
      mode: 'manual',
      triggerItems: [{ json: { n: 1 } }],
    });
    const initial = JSON.parse(JSON.stringify(start));
    const checkpoints: Checkpoint[] = [];
    await engine.run(workflow, start, {
      onCheckpoint: (c) => void checkpoints.push(JSON.parse(JSON.stringify(c))),
    });
    const replay = rebuildState(initial, checkpoints.slice(0, 2));
    const aOutput = replay.runData.A[0].data?.main[0];
    if (!aOutput) throw new Error('A has no output');
    aOutput[0] = { json: { edited: true } };
    await engine.run(workflow, replay);
    expect(replay.status).toBe('success');
    expect(replay.runData.B[0].data?.main[0].map((i) => i.json)).toEqual([{ edited: true, b: 2 }]);
    expect(start.runData.B[0].data?.main[0].map((i) => i.json)).toEqual([{ n: 1, a: 1, b: 2 }]);
  });

  it('keeps checkpoints small: inputs are references, never copies of items', async () => {
    const nodes = [T, ...Array.from({ length: 30 }, (_, i) => set(`S${i}`, `f${i}`, i))];
    const edges = nodes.slice(1).map((n, i) => `${nodes[i].name} -> ${n.name}`);
    const workflow = buildWorkflow(nodes, edges);
    const engine = createEngine({ registry: testRegistry(), services: testServices() });
    const { checkpoints } = await checkDurability({
      engine,
      workflow,
      start: { executionId: 'e', mode: 'manual', triggerItems: items },
    });
    for (const cp of checkpoints) {
      expect(cp.stackPush.every((entry) => entry.items === undefined)).toBe(true);
      expect(JSON.stringify({ ...cp, record: undefined }).length).toBeLessThan(400);
    }
  });
});
