import type { WorkflowNode } from '@guixu/core';

/** Workflows that attack the server from inside an execution (the isolation tests run them). */

const trigger: WorkflowNode = {
  id: 'n-start',
  name: 'Start',
  type: 'guixu.manualTrigger',
  typeVersion: 1,
  position: [0, 0],
  parameters: {},
};

function after(name: string, node: Omit<WorkflowNode, 'id' | 'position' | 'typeVersion'>) {
  return {
    name,
    nodes: [trigger, { ...node, id: 'n-attack', typeVersion: 1, position: [200, 0] as [number, number] }],
    connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
    settings: { timezone: 'UTC' },
  };
}

const setField = (name: string, value: string) =>
  after(name, {
    name: 'Set',
    type: 'guixu.set',
    parameters: {
      mode: 'manual',
      assignments: { assignments: [{ id: 'a', name: 'out', type: 'string', value }] },
    },
  });

/** Catastrophic backtracking on a backtracking engine (the issue's `/(c+)+$/`); linear on re2js. */
export const regexBomb = () => setField('Regex bomb', '={{ /(c+)+$/.test("c".repeat(40) + "d") }}');

/** Within the interpreter's step limit, but each step scans 6 MB: about 20 s of CPU on an idle machine (far past the test's 3 s budget), no allocation. */
export const cpuHog = () =>
  setField(
    'CPU hog',
    '={{ (() => { const big = "abc".repeat(2000000); let n = 0; for (let i = 0; i < 300000; i++) n += big.indexOf("x"); return n })() }}',
  );

/** An expression that never ends by itself. */
export const endlessExpression = () =>
  setField('Endless expression', '={{ (() => { let i = 0; while (true) { i++ } })() }}');

/**
 * 9 MB per item (flat: `repeat` alone builds a rope of a few nodes; under the
 * expression's 10 M character cap), items held at once: the worker's heap
 * fills after about a dozen. Few big allocations reach the cap quickly: with
 * 4 MB ones the collector's last attempts near the cap took long enough on a
 * loaded machine for the CPU budget to stop the run first.
 */
export const memoryBomb = () => setField('Memory bomb', '={{ "x".repeat(9000000 + $json.i).toUpperCase() }}');
export const memoryBombInput = Array.from({ length: 100 }, (_, i) => ({ i }));

/** A Code node that never returns (it holds a sandbox process until its timeout). */
export const runawayCode = () =>
  after('Runaway Code', {
    name: 'Code',
    type: 'guixu.code',
    parameters: { mode: 'runOnceForAllItems', jsCode: 'while (true) {}' },
  });

/** Ten outputs of 2 MB each under a 4 MB per-execution limit (the disk-filling run, scaled down). */
export const largeOutputs = () => setField('Large outputs', '={{ "y".repeat(2000000 + $json.i) }}');
