import {
  type AnyNodeDefinition,
  createNodeContext,
  type Item,
  MemoryBinaryStore,
  type NodeLogEntry,
  systemClock,
  type Workflow,
} from '@guixu/core';
import { describe, expect, it } from 'vitest';
import code from './code.node.ts';
import { createLookupHandler } from './host-lookups.ts';

/**
 * The variables the expression engine hands to Code-like nodes
 * (`ctx.expressionVariables(i)`), written out for two earlier nodes so the
 * lookup path can be checked on its own: `Set` ran with two items paired 1:1
 * to the Code node's input, `Never` did not run.
 */
function variablesFor(itemIndex: number, calls: string[]): Record<string, unknown> {
  const setItems = [{ json: { name: 'ada' } }, { json: { name: 'grace' } }];
  const accessor = (name: string) => {
    calls.push(`$('${name}')`);
    if (name === 'Never') {
      return {
        isExecuted: false,
        all: () => {
          throw new Error('Node "Never" has not run');
        },
      };
    }
    if (name === 'Sparse') {
      return {
        get item() {
          if (itemIndex === 1) throw new Error("Can't get data for expression: no paired item for item 1");
          return { json: { sparse: itemIndex } };
        },
      };
    }
    if (name !== 'Set') throw new Error(`Referenced node doesn't exist: ${name}`);
    return {
      isExecuted: true,
      params: { mode: 'manual' },
      all: (branch = 0) => (branch === 0 ? setItems : []),
      first: () => setItems[0],
      last: () => setItems[setItems.length - 1],
      itemMatching: (i: number) => setItems[i],
      get item() {
        return setItems[itemIndex];
      },
    };
  };
  return {
    $: accessor,
    $node: { Set: { json: setItems[itemIndex].json, parameter: { mode: 'manual' } } },
    $vars: { region: 'eu' },
    $env: { PUBLIC_URL: 'http://127.0.0.1' },
    $prevNode: { name: 'Set', outputIndex: 0, runIndex: 0 },
  };
}

async function runWithVariables(
  parameters: Record<string, unknown>,
  calls: string[] = [],
  onError: 'stopWorkflow' | 'continueRegularOutput' = 'stopWorkflow',
) {
  const workflow: Workflow = { name: 'Lookups', nodes: [], connections: {}, settings: {} };
  const node = {
    id: 'c',
    name: 'Code',
    type: 'guixu.code',
    typeVersion: 2,
    position: [0, 0] as [number, number],
    parameters,
    onError,
  };
  const logs: NodeLogEntry[] = [];
  const ctx = createNodeContext({
    definition: code,
    node,
    workflow,
    inputs: [[{ json: { n: 0 } }, { json: { n: 1 } }]],
    source: [{ previousNode: 'Set' }],
    runData: {},
    runIndex: 0,
    execution: { id: 'e1', mode: 'manual' },
    signal: new AbortController().signal,
    services: { binary: new MemoryBinaryStore(), clock: systemClock },
    logs,
  });
  // The engine runs every node through the untyped definition, and so does this test.
  const definition: AnyNodeDefinition = code;
  const result = await definition.run({ ...ctx, expressionVariables: (i: number) => variablesFor(i, calls) });
  if (Array.isArray(result) || !('outputs' in result)) throw new Error('unexpected result');
  return result.outputs[0].map((item: Item) => item.json);
}

describe('Code: lookups through the host', () => {
  it("resolves $('Node') members, $node, $vars, $env and $prevNode from the engine's variables", async () => {
    const out = await runWithVariables({
      mode: 'runOnceForEachItem',
      jsCode: `return {
  item: $('Set').item.json.name,
  first: $('Set').first().json.name,
  last: $('Set').last().json.name,
  count: $('Set').all().length,
  branch1: $('Set').all(1).length,
  matching: $('Set').itemMatching(1).json.name,
  params: $('Set').params.mode,
  ran: $('Set').isExecuted,
  neverRan: $('Never').isExecuted,
  legacy: $node['Set'].json.name,
  region: $vars.region,
  url: $env.PUBLIC_URL,
  prev: $prevNode.name,
};`,
    });
    expect(out).toEqual([
      {
        item: 'ada',
        first: 'ada',
        last: 'grace',
        count: 2,
        branch1: 0,
        matching: 'grace',
        params: 'manual',
        ran: true,
        neverRan: false,
        legacy: 'ada',
        region: 'eu',
        url: 'http://127.0.0.1',
        prev: 'Set',
      },
      {
        item: 'grace',
        first: 'ada',
        last: 'grace',
        count: 2,
        branch1: 0,
        matching: 'grace',
        params: 'manual',
        ran: true,
        neverRan: false,
        legacy: 'grace',
        region: 'eu',
        url: 'http://127.0.0.1',
        prev: 'Set',
      },
    ]);
  });

  it('hands out copies: changing a looked-up item does not change the next lookup', async () => {
    const out = await runWithVariables({
      jsCode: `const a = $('Set').first();
a.json.name = 'changed';
return [{ again: $('Set').first().json.name }];`,
    });
    expect(out).toEqual([{ again: 'ada' }]);
  });

  it('turns a failed lookup into an error at the line of the call', async () => {
    await expect(
      runWithVariables({ jsCode: "const x = 1;\nreturn $('Missing').all();" }),
    ).rejects.toMatchObject({
      code: 'CODE_EXECUTION_FAILED',
      message: "Referenced node doesn't exist: Missing [line 2]",
    });
    await expect(runWithVariables({ jsCode: "return $('Never').all();" })).rejects.toMatchObject({
      message: 'Node "Never" has not run [line 1]',
    });
  });

  it('asks the host once per run for lookups that do not depend on the item', async () => {
    const calls: string[] = [];
    await runWithVariables(
      {
        mode: 'runOnceForEachItem',
        jsCode: "return { n: $('Set').all().length, m: $('Set').all().length };",
      },
      calls,
    );
    expect(calls).toEqual(["$('Set')"]);
  });

  it("fetches $('Node').item for many items at once; a missing pairing fails only its item", async () => {
    const calls: string[] = [];
    const out = await runWithVariables(
      { mode: 'runOnceForEachItem', jsCode: "return { value: $('Sparse').item.json.sparse };" },
      calls,
      'continueRegularOutput',
    );
    expect(out).toEqual([
      { value: 0 },
      { error: "Can't get data for expression: no paired item for item 1 [line 1]" },
    ]);
    expect(calls).toEqual(["$('Sparse')", "$('Sparse')"]);
  });

  it('refuses members and variables outside the supported set', () => {
    const handler = createLookupHandler({ expressionVariables: (i) => variablesFor(i, []) });
    expect(handler({ kind: 'node', name: 'Set', member: 'constructor', args: [], itemIndex: 0 })).toEqual({
      ok: false,
      message: "$('Set').constructor is not supported",
    });
    expect(handler({ kind: 'variable', name: 'process', args: [], itemIndex: 0 })).toEqual({
      ok: false,
      message: 'Unknown variable process',
    });
  });
});
