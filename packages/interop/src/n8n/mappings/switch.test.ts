import { iterateConnections, type Workflow } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { importN8n } from '../import-n8n.ts';
import { importOne } from '../mapping-test-kit.ts';

const registry = await builtinNodes();

/** Which GuixuFlow output of the Switch feeds each "Out k" node. */
function wiring(workflow: Workflow): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const edge of iterateConnections(workflow)) {
    if (edge.from === 'Switch') out[edge.to] = [...(out[edge.to] ?? []), edge.outputIndex];
  }
  return out;
}

describe('Switch mapping', () => {
  it('v2 gives every rule its own output (outputKey labels, no `output` field) and falls back to a rule index', () => {
    const { node, report, workflow } = importOne(registry, {
      type: 'n8n-nodes-base.switch',
      typeVersion: 2,
      parameters: {
        dataType: 'string',
        value1: '={{ $json.s }}',
        rules: {
          rules: [{ value2: 'a', outputKey: 'A' }, { value2: 'b' }, { operation: 'contains', value2: 'c' }],
        },
        fallbackOutput: 1,
      },
    });
    expect(report.status).toBe('mapped');
    expect(node.parameters.options).toEqual({ fallbackOutput: 1 });
    const rules = (node.parameters.rules as { values: { renameOutput: boolean; outputKey?: string }[] })
      .values;
    expect(rules.map((r) => [r.renameOutput, r.outputKey])).toEqual([
      [true, 'A'],
      [false, undefined],
      [false, undefined],
    ]);
    expect(workflow).toBeDefined();
  });

  it('v2 connections keep their output index (each rule output leads where it led in n8n)', () => {
    const { workflow } = importOneWithTargets(2, 3, {
      dataType: 'number',
      value1: '={{ $json.n }}',
      rules: {
        rules: [{ value2: 1 }, { operation: 'equal', value2: 2 }, { operation: 'larger', value2: 5 }],
      },
    });
    expect(wiring(workflow)).toEqual({ 'Out 0': [0], 'Out 1': [1], 'Out 2': [2] });
  });

  it('v1 rules that name outputs are rewired per rule; the fallback becomes an extra output', () => {
    const { workflow, report } = importOneWithTargets(1, 4, {
      dataType: 'number',
      value1: '={{ $json.n }}',
      rules: {
        rules: [
          { value2: 3 },
          { operation: 'equal', value2: 5, output: 2 },
          { operation: 'larger', value2: 8, output: 1 },
        ],
      },
      fallbackOutput: 3,
    });
    expect(wiring(workflow)).toEqual({ 'Out 0': [0], 'Out 1': [2], 'Out 2': [1], 'Out 3': [3] });
    expect(report.warnings).toEqual([]);
  });

  it('v1 rules without an operation use the data type default (number: smaller)', () => {
    const { node } = importOneWithTargets(1, 1, {
      dataType: 'number',
      value1: '={{ $json.n }}',
      rules: { rules: [{ value2: 3 }] },
    });
    const rules = (
      node.parameters.rules as { values: { conditions: { conditions: { operator: unknown }[] } }[] }
    ).values;
    expect(rules[0].conditions.conditions[0].operator).toEqual({ type: 'number', operation: 'lt' });
  });

  it('v1 rules sharing an output are imported with a warning that the next node runs once per rule', () => {
    const { workflow, report } = importOneWithTargets(1, 2, {
      dataType: 'string',
      value1: '={{ $json.s }}',
      rules: { rules: [{ value2: 'a' }, { value2: 'b' }, { value2: 'c', output: 1 }] },
      fallbackOutput: 1,
    });
    expect(wiring(workflow)).toEqual({ 'Out 0': [0, 1], 'Out 1': [2, 3] });
    expect(report.warnings.join(' ')).toContain('output 0, 1');
  });
});

/** A Switch whose n8n outputs 0…count-1 each lead to a NoOp "Out k". */
function importOneWithTargets(version: number, count: number, parameters: Record<string, unknown>) {
  const outs = Array.from({ length: count }, (_, i) => `Out ${i}`);
  const source = {
    nodes: [
      {
        id: 's',
        name: 'Switch',
        type: 'n8n-nodes-base.switch',
        typeVersion: version,
        position: [0, 0],
        parameters,
      },
      ...outs.map((name, i) => ({
        id: `o${i}`,
        name,
        type: 'n8n-nodes-base.noOp',
        typeVersion: 1,
        position: [200, i * 100],
        parameters: {},
      })),
    ],
    connections: { Switch: { main: outs.map((node) => [{ node, type: 'main', index: 0 }]) } },
  };
  const { workflow, report } = importN8n(source, { registry, fileName: 'switch.json' });
  return { workflow, report: report.nodes[0], node: workflow.nodes[0] };
}
