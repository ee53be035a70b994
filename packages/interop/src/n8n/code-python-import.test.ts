import { randomUUID } from 'node:crypto';
import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { importOne } from './mapping-test-kit.ts';

/**
 * n8n Code nodes in Python ("Python (Beta)" and 2.x's "Python (Native)") import as the
 * Code node and run in its Pyodide. Expected results follow n8n's documented default
 * code for each (n8n 2.8.4 was not installed here to record them).
 */
const registry = await builtinNodes();

async function runImported(parameters: Record<string, unknown>) {
  const { node, workflow } = importOne(registry, { type: 'n8n-nodes-base.code', typeVersion: 2, parameters });
  expect(node.type).toBe('guixu.code');
  const engine = createEngine({
    registry,
    services: { binary: new MemoryBinaryStore(), clock: systemClock },
  });
  const state = await engine.run(
    workflow,
    engine.start(workflow, { executionId: randomUUID(), mode: 'manual' }),
  );
  expect(state.error).toBeUndefined();
  return state.runData.Node?.[0]?.data?.main[0]?.map((item) => item.json);
}

describe('n8n Python Code nodes', { timeout: 120_000 }, () => {
  it("run n8n's default Python (Beta) and Python (Native) code", async () => {
    expect(
      await runImported({
        language: 'python',
        pythonCode:
          "# Loop over input items and add a new field\n# called 'myNewField' to the JSON of each one\nfor item in _input.all():\n  item.json.myNewField = 1\nreturn _input.all()",
      }),
    ).toEqual([{ myNewField: 1 }]);
    expect(
      await runImported({
        language: 'pythonNative',
        mode: 'runOnceForEachItem',
        pythonCode:
          '# Add a new field called \'my_new_field\' to the JSON of the item\n_item["json"]["my_new_field"] = 1\nreturn _item',
      }),
    ).toEqual([{ my_new_field: 1 }]);
  });
});
