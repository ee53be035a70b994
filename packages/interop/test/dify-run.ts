import { randomUUID } from 'node:crypto';
import {
  createEngine,
  type Item,
  MemoryBinaryStore,
  type NodeRegistry,
  type RunState,
  systemClock,
} from '@guixu/core';
import { expect } from 'vitest';
import { importDify } from '../src/index.ts';

/** Imports a Dify app (it must import without placeholders or validation errors) and runs it to success. */
export async function runDifyApp(
  registry: NodeRegistry,
  source: string,
  trigger: Item['json'],
  fileName = 'app.yml',
): Promise<RunState> {
  const { workflow, report } = importDify(source, { registry, fileName });
  expect(report.validation.errors).toEqual([]);
  expect(report.summary.placeholders).toBe(0);
  const engine = createEngine({
    registry,
    services: { binary: new MemoryBinaryStore(), clock: systemClock },
  });
  const state = await engine.run(
    workflow,
    engine.start(workflow, { executionId: randomUUID(), mode: 'cli', triggerItems: [{ json: trigger }] }),
  );
  expect(state.error).toBeUndefined();
  expect(state.status).toBe('success');
  return state;
}

/** The JSON of every item a node output on its first output, over all its runs. */
export const outputsOf = (state: RunState, node: string) =>
  (state.runData[node] ?? []).flatMap((run) => (run.data?.main[0] ?? []).map((item) => item.json));
