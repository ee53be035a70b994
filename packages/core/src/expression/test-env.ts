/** Builds expression envs for tests (workflow, run data, items) with little ceremony. */
import type { Item, JsonObject } from '../items.ts';
import type { NodeRunSource, RunData } from '../run-data.ts';
import type { Workflow, WorkflowNode } from '../workflow/schema.ts';
import { createExpressionEnv, type ExpressionEnv, type ExpressionEnvOptions } from './index.ts';

export function testWorkflowNode(name: string, parameters: Record<string, unknown> = {}): WorkflowNode {
  return { id: name, name, type: 'guixu.noOp', typeVersion: 1, position: [0, 0], parameters };
}

export interface TestEnvOptions extends Partial<Omit<ExpressionEnvOptions, 'inputs'>> {
  items?: (JsonObject | Item)[];
  inputs?: Item[][];
  nodes?: WorkflowNode[];
  connections?: Workflow['connections'];
}

function toItem(value: JsonObject | Item): Item {
  return 'json' in value &&
    typeof value.json === 'object' &&
    value.json !== null &&
    !Array.isArray(value.json)
    ? (value as Item)
    : { json: value as JsonObject };
}

export function testEnv(options: TestEnvOptions = {}): ExpressionEnv {
  const node = options.node ?? testWorkflowNode('Current', { text: 'hi' });
  const nodes = options.nodes ?? [node];
  if (!nodes.some((n) => n.name === node.name)) nodes.push(node);
  const workflow: Workflow = options.workflow ?? {
    id: 'wf-1',
    name: 'Test workflow',
    nodes,
    connections: options.connections ?? {},
    settings: {},
  };
  const runData: RunData = options.runData ?? {};
  const source: (NodeRunSource | null)[] = options.source ? [...options.source] : [null];
  return createExpressionEnv({
    ...options,
    workflow,
    runData,
    node,
    runIndex: options.runIndex ?? 0,
    inputs: options.inputs ?? [(options.items ?? [{}]).map(toItem)],
    source,
    execution: options.execution ?? { id: 'exec-1', mode: 'manual', resumeUrl: 'http://127.0.0.1/resume/1' },
  });
}
