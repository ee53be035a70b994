import { describe, expect, it } from 'vitest';
import { NodeRegistry } from '../registry.ts';
import { defineNode } from '../sdk/define-node.ts';
import { p } from '../sdk/params.ts';
import { validateWorkflow } from './validate.ts';

const trigger = defineNode({
  type: 'test.trigger',
  version: 1,
  displayName: 'Trigger',
  description: 'Test trigger',
  group: 'trigger',
  trigger: { kind: 'manual' },
  inputs: [],
  outputs: ['main'],
  params: {},
  run: (ctx) => [ctx.items],
});
const step = defineNode({
  type: 'test.step',
  version: [1, 2],
  displayName: 'Step',
  description: 'Test step',
  group: 'data',
  inputs: ['main'],
  outputs: ['main', 'main'],
  params: {
    count: p.number({ label: 'Count', default: 1, min: 0 }),
    mode: p.options({ label: 'Mode', default: 'a', options: [{ value: 'a', label: 'A' }] }),
  },
  run: (ctx) => [ctx.items, []],
});
const registry = new NodeRegistry().register(trigger).register(step);

const node = (name: string, type: string, parameters: Record<string, unknown> = {}, typeVersion = 1) => ({
  id: name,
  name,
  type,
  typeVersion,
  position: [0, 0] as [number, number],
  parameters,
});

describe('validateWorkflow', () => {
  it('accepts a valid workflow', () => {
    const result = validateWorkflow(
      {
        name: 'ok',
        nodes: [node('Start', 'test.trigger'), node('A', 'test.step', { count: 2 })],
        connections: { Start: { main: [[{ node: 'A', type: 'main', index: 0 }]] } },
      },
      registry,
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('warns about a parameter key the node does not declare (it would be ignored)', () => {
    const result = validateWorkflow(
      {
        name: 'extra key',
        nodes: [node('Start', 'test.trigger'), node('A', 'test.step', { count: 2, toFormat: 'YYYY' })],
        connections: { Start: { main: [[{ node: 'A', type: 'main', index: 0 }]] } },
      },
      registry,
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      {
        code: 'PARAMETER_UNKNOWN',
        message: 'Node "A": parameter "toFormat" is not a parameter of test.step and is ignored',
        path: 'nodes[1].parameters.toFormat',
        node: 'A',
        parameter: 'toFormat',
      },
    ]);
  });

  it('reports every problem at once with paths', () => {
    const result = validateWorkflow(
      {
        name: 'bad',
        nodes: [
          node('Start', 'test.trigger'),
          node('A', 'test.step', { count: -1, mode: 'z' }),
          node('A', 'test.step'),
          node('B', 'test.nope'),
          node('C', 'test.step', {}, 7),
          node('Lonely', 'test.step'),
        ],
        connections: {
          Start: {
            main: [
              [
                { node: 'A', type: 'main', index: 0 },
                { node: 'Ghost', type: 'main', index: 0 },
              ],
            ],
          },
          A: { main: [null, null, [{ node: 'B', type: 'main', index: 0 }]] },
          Nobody: { main: [[{ node: 'A', type: 'main', index: 0 }]] },
        },
      },
      registry,
    );
    const codes = result.errors.map((e) => e.code).sort();
    expect(codes).toEqual(
      [
        'CONNECTION_OUTPUT_UNKNOWN',
        'CONNECTION_SOURCE_UNKNOWN',
        'CONNECTION_TARGET_UNKNOWN',
        'NODE_NAME_DUPLICATE',
        'NODE_TYPE_UNKNOWN',
        'NODE_VERSION_UNKNOWN',
        'PARAMETER_INVALID',
        'PARAMETER_INVALID',
      ].sort(),
    );
    const param = result.errors.find((e) => e.parameter === 'count');
    expect(param?.path).toBe('nodes[1].parameters.count');
    expect(param?.node).toBe('A');
    expect(result.warnings.map((w) => w.node)).toContain('Lonely');
  });

  it('reports shape errors with JSON paths', () => {
    const result = validateWorkflow({ nodes: [{ name: 'x' }] }, registry);
    expect(result.workflow).toBeUndefined();
    expect(result.errors.map((e) => e.path)).toContain('nodes[0].type');
    expect(result.errors.find((e) => e.path === 'nodes[0].type')?.message).toBe('Missing; expected string');
    expect(validateWorkflow({ nodes: 'x', connections: {} }, registry).errors[0]).toMatchObject({
      path: 'nodes',
      message: 'expected array, received string',
    });
  });

  it('says what a workflow document is when the file holds something else', () => {
    for (const [input, kind] of [
      [[], 'a list'],
      [null, 'null'],
      ['flow', 'a string'],
    ] as const) {
      expect(validateWorkflow(input, registry).errors).toEqual([
        {
          code: 'WORKFLOW_SHAPE',
          path: '',
          message: `A workflow is a JSON object with "nodes" and "connections"; this is ${kind}`,
        },
      ]);
    }
  });
});
