import { describe, expect, it } from 'vitest';
import { rebuildState } from './checkpoint.ts';
import { executionDataSize, jsonSize } from './data-size.ts';
import { createEngine } from './engine.ts';
import { buildWorkflow, testRegistry, testServices } from './test-kit.ts';
import { cancelCheckpoint } from './transitions.ts';
import type { Checkpoint, DataLimits, RunState } from './types.ts';

const T = { name: 'Trigger', type: 'test.trigger' };
/** Sets `big` to an object holding a string of `size` characters on every item. */
const big = (name: string, size: number, extra: object = {}) => ({
  name,
  type: 'test.set',
  parameters: { field: 'big', value: { text: 'x'.repeat(size) } },
  ...extra,
});

async function run(nodes: object[], edges: string[], dataLimits: DataLimits) {
  const engine = createEngine({ registry: testRegistry(), services: testServices(), dataLimits });
  const workflow = buildWorkflow([T, ...(nodes as never[])], edges);
  const state = engine.start(workflow, { executionId: 'e1', mode: 'manual' });
  const start: RunState = JSON.parse(JSON.stringify(state));
  const checkpoints: Checkpoint[] = [];
  await engine.run(workflow, state, { onCheckpoint: (c) => void checkpoints.push(c) });
  return { state, start, checkpoints };
}

describe('run data size limits', () => {
  it('measures values as their JSON length without building the string', () => {
    const value = { a: 'xyz', list: [1, true, null, { b: 'c' }] };
    expect(Math.abs(jsonSize(value) - JSON.stringify(value).length)).toBeLessThan(16);
    // Past the limit it stops counting: a check never walks more than the limit's worth.
    expect(jsonSize({ s: 'x'.repeat(1000), t: 'y'.repeat(1000) }, 10)).toBeLessThan(1100);
  });

  it('fails a node whose output is larger than the limit with NODE_OUTPUT_TOO_LARGE, recorded', async () => {
    const { state } = await run([big('Big', 5000)], ['Trigger -> Big'], { nodeOutputBytes: 4000 });
    expect(state.status).toBe('error');
    expect(state.error?.code).toBe('NODE_OUTPUT_TOO_LARGE');
    expect(state.runData.Big?.[0]?.executionStatus).toBe('error');
    expect(state.runData.Big?.[0]?.data).toBeUndefined();
  });

  it('lets "on error: continue" pass the failure on as an item', async () => {
    const { state } = await run(
      [big('Big', 5000, { onError: 'continueRegularOutput' })],
      ['Trigger -> Big'],
      { nodeOutputBytes: 4000 },
    );
    expect(state.status).toBe('success');
    expect(JSON.stringify(state.runData.Big?.[0]?.data)).toContain('produced more than');
  });

  it('stops the execution when its run data outgrows the limit with EXECUTION_DATA_TOO_LARGE', async () => {
    const { state, start, checkpoints } = await run(
      [big('A', 3000), big('B', 3000), big('C', 3000)],
      ['Trigger -> A', 'A -> B', 'B -> C'],
      { executionDataBytes: 8000 },
    );
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({ code: 'EXECUTION_DATA_TOO_LARGE', node: 'C' });
    expect(state.runData.C?.[0]?.data).toBeUndefined();
    expect(executionDataSize(state)).toBeLessThanOrEqual(8000);
    // The rebuilt state (a store after a restart) says the same.
    const rebuilt = rebuildState(start, checkpoints);
    expect(rebuilt.error?.code).toBe('EXECUTION_DATA_TOO_LARGE');
    expect(executionDataSize(rebuilt)).toBe(executionDataSize(state));
  });

  it('cancels a waiting execution through the engine’s own checkpoint', () => {
    const state = {
      seq: 4,
      suspended: {
        node: 'Wait',
        runIndex: 0,
        entry: { node: 'Wait', source: [] },
        waitTill: null,
        resumeOn: [],
      },
    } as unknown as RunState;
    expect(cancelCheckpoint(state, '2026-01-01T00:00:00.000Z')).toMatchObject({
      seq: 5,
      status: 'canceled',
      suspended: null,
      finishedAt: '2026-01-01T00:00:00.000Z',
    });
  });
});
