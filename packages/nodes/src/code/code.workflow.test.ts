import {
  createEngine,
  MemoryBinaryStore,
  NodeRegistry,
  systemClock,
  type Workflow,
  type WorkflowNode,
} from '@guixu/core';
import { describe, expect, it } from 'vitest';
import manualTrigger from '../manual-trigger/manual-trigger.node.ts';
import code from './code.node.ts';

function node(
  name: string,
  type: string,
  parameters: Record<string, unknown> = {},
  extra: Partial<WorkflowNode> = {},
) {
  return {
    id: name,
    name,
    type,
    typeVersion: type === 'guixu.code' ? 2 : 1,
    position: [0, 0] as [number, number],
    parameters,
    ...extra,
  };
}

async function execute(
  workflow: Workflow,
  options: { vars?: Record<string, string>; staticData?: Record<string, Record<string, number>> } = {},
) {
  const registry = new NodeRegistry().register(manualTrigger).register(code);
  const engine = createEngine({
    registry,
    services: { binary: new MemoryBinaryStore(), clock: systemClock },
    vars: options.vars,
  });
  const state = engine.start(workflow, {
    executionId: 'wf-test',
    mode: 'manual',
    ...(options.staticData ? { staticData: options.staticData } : {}),
  });
  await engine.run(workflow, state, {});
  return state;
}

const source = node('Source', 'guixu.code', {
  jsCode: "return [{ name: 'ada', bad: false }, { name: 'bob', bad: true }, { name: 'cy', bad: false }];",
});

describe('Code in a workflow', () => {
  it('continueErrorOutput: items returned as { error } go to the error output with their input fields', async () => {
    const workflow: Workflow = {
      name: 'Error output',
      nodes: [
        node('Trigger', 'guixu.manualTrigger'),
        source,
        node(
          'Check',
          'guixu.code',
          {
            mode: 'runOnceForEachItem',
            jsCode:
              "if ($json.bad) return { error: 'bad row', message: 'rejected' };\nreturn { ok: $json.name };",
          },
          { onError: 'continueErrorOutput' },
        ),
      ],
      connections: {
        Trigger: { main: [[{ node: 'Source', type: 'main', index: 0 }]] },
        Source: { main: [[{ node: 'Check', type: 'main', index: 0 }]] },
      },
      settings: {},
    };
    const state = await execute(workflow);
    expect(state.status).toBe('success');
    const [success, errors] = state.runData.Check[0].data?.main ?? [];
    expect(success.map((i) => i.json)).toEqual([{ ok: 'ada' }, { ok: 'cy' }]);
    expect(errors.map((i) => i.json)).toEqual([
      { name: 'bob', bad: true, error: 'bad row', message: 'rejected' },
    ]);
  });

  it('continueErrorOutput: a throwing item goes to the error output, the others continue', async () => {
    const workflow: Workflow = {
      name: 'Throwing item',
      nodes: [
        node('Trigger', 'guixu.manualTrigger'),
        source,
        node(
          'Check',
          'guixu.code',
          {
            mode: 'runOnceForEachItem',
            jsCode: "if ($json.bad) throw new Error('no ' + $json.name);\nreturn $json;",
          },
          { onError: 'continueErrorOutput' },
        ),
      ],
      connections: {
        Trigger: { main: [[{ node: 'Source', type: 'main', index: 0 }]] },
        Source: { main: [[{ node: 'Check', type: 'main', index: 0 }]] },
      },
      settings: {},
    };
    const state = await execute(workflow);
    const [success, errors] = state.runData.Check[0].data?.main ?? [];
    expect(success.map((i) => i.json.name)).toEqual(['ada', 'cy']);
    expect(errors.map((i) => i.json)).toEqual([{ name: 'bob', bad: true, error: 'no bob [line 1]' }]);
  });

  it('stop on error: the execution fails with the Code error and its line', async () => {
    const workflow: Workflow = {
      name: 'Failing',
      nodes: [node('Trigger', 'guixu.manualTrigger'), node('Code', 'guixu.code', { jsCode: '\nnull.x;' })],
      connections: { Trigger: { main: [[{ node: 'Code', type: 'main', index: 0 }]] } },
      settings: {},
    };
    const state = await execute(workflow);
    expect(state.status).toBe('error');
    expect(state.runData.Code[0].error).toMatchObject({
      code: 'CODE_EXECUTION_FAILED',
      node: 'Code',
      message: "Cannot read properties of null (reading 'x') [line 2]",
    });
  });

  it("reads earlier nodes through the expression engine: $('Node').item, .all(), $vars", async () => {
    const workflow: Workflow = {
      name: 'Lookups',
      nodes: [
        node('Trigger', 'guixu.manualTrigger'),
        source,
        node('Upper', 'guixu.code', {
          mode: 'runOnceForEachItem',
          jsCode: 'return { upper: $json.name.toUpperCase() };',
        }),
        node('Use', 'guixu.code', {
          mode: 'runOnceForEachItem',
          jsCode:
            "return { upper: $json.upper, original: $('Source').item.json.name, count: $('Source').all().length, region: $vars.region };",
        }),
      ],
      connections: {
        Trigger: { main: [[{ node: 'Source', type: 'main', index: 0 }]] },
        Source: { main: [[{ node: 'Upper', type: 'main', index: 0 }]] },
        Upper: { main: [[{ node: 'Use', type: 'main', index: 0 }]] },
      },
      settings: {},
    };
    const state = await execute(workflow, { vars: { region: 'eu' } });
    expect(state.runData.Use?.[0].error).toBeUndefined();
    expect(state.runData.Use[0].data?.main[0].map((i) => i.json)).toEqual([
      { upper: 'ADA', original: 'ada', count: 3, region: 'eu' },
      { upper: 'BOB', original: 'bob', count: 3, region: 'eu' },
      { upper: 'CY', original: 'cy', count: 3, region: 'eu' },
    ]);
  });

  it("keeps a returned pairedItem.sourceOverwrite, so $('Node').item follows it (as n8n)", async () => {
    const workflow: Workflow = {
      name: 'Source overwrite',
      nodes: [
        node('Trigger', 'guixu.manualTrigger'),
        source,
        node('Mid', 'guixu.code', { jsCode: 'return [{ json: { only: true }, pairedItem: { item: 0 } }];' }),
        node('Pick', 'guixu.code', {
          jsCode:
            "return [{ json: { picked: true }, pairedItem: { item: 1, sourceOverwrite: { previousNode: 'Source', previousNodeOutput: 0, previousNodeRun: 0 } } }];",
        }),
        node('Read', 'guixu.code', {
          mode: 'runOnceForEachItem',
          jsCode: "return { name: $('Source').item.json.name };",
        }),
      ],
      connections: {
        Trigger: { main: [[{ node: 'Source', type: 'main', index: 0 }]] },
        Source: { main: [[{ node: 'Mid', type: 'main', index: 0 }]] },
        Mid: { main: [[{ node: 'Pick', type: 'main', index: 0 }]] },
        Pick: { main: [[{ node: 'Read', type: 'main', index: 0 }]] },
      },
      settings: {},
    };
    const state = await execute(workflow);
    expect(state.status).toBe('success');
    expect(state.runData.Pick[0].data?.main[0][0].pairedItem).toEqual({
      item: 1,
      sourceOverwrite: { previousNode: 'Source', previousNodeOutput: 0, previousNodeRun: 0 },
    });
    expect(state.runData.Read[0].data?.main[0].map((i) => i.json)).toEqual([{ name: 'bob' }]);
  });

  it('$getWorkflowStaticData: the code reads and changes the global and its node data (n8n)', async () => {
    const counted = (mode: string) => ({
      name: 'Static data',
      nodes: [
        node('Trigger', 'guixu.manualTrigger'),
        node('Count', 'guixu.code', {
          mode,
          jsCode: `const data = $getWorkflowStaticData('global');
data.count = (data.count ?? 0) + 1;
$getWorkflowStaticData('node').seen = true;
return ${mode === 'runOnceForAllItems' ? '[{ count: data.count }]' : '{ count: data.count }'};`,
        }),
      ],
      connections: { Trigger: { main: [[{ node: 'Count', type: 'main', index: 0 }]] } },
      settings: {},
    });
    for (const mode of ['runOnceForAllItems', 'runOnceForEachItem']) {
      const state = await execute(counted(mode), { staticData: { global: { count: 4 } } });
      expect(state.status).toBe('success');
      expect(state.runData.Count[0].data?.main[0][0].json).toEqual({ count: 5 });
      expect(state.staticData).toEqual({ global: { count: 5 }, 'node:Count': { seen: true } });
    }
  });
});
