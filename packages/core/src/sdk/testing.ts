import { createNodeContext } from '../engine/node-context.ts';
import { GuixuError, type PlainError, toPlainError } from '../errors.ts';
import type { Item, JsonObject, JsonValue, NodeOutputs } from '../items.ts';
import { MemoryBinaryStore } from '../memory-binary-store.ts';
import { type Clock, systemClock } from '../ports.ts';
import type { NodeLogEntry, RunData } from '../run-data.ts';
import type { OnError, Workflow, WorkflowNode } from '../workflow/schema.ts';
import {
  type AnyNodeDefinition,
  isSuspend,
  type NodeServices,
  outputsOf,
  type ResumeInput,
  type SuspendRequest,
} from './define-node.ts';

export interface TestNodeOptions {
  parameters?: Record<string, unknown>;
  /** Items for input 0 (plain JSON objects or full items). */
  items?: (JsonObject | Item)[];
  /** Items per input, for multi-input nodes. */
  inputs?: (JsonObject | Item)[][];
  typeVersion?: number;
  name?: string;
  onError?: OnError;
  /** Decrypted credential data per slot. */
  credentials?: Record<string, Record<string, unknown>>;
  /** Earlier nodes' run data, for `$('Node')` lookups. */
  runData?: RunData;
  workflow?: Partial<Workflow>;
  services?: Partial<NodeServices>;
  clock?: Clock;
  signal?: AbortSignal;
  runIndex?: number;
  resume?: ResumeInput;
  /** Initial node state (NodeRunContext.state). */
  nodeState?: JsonValue;
}

export interface TestNodeResult {
  outputs: NodeOutputs;
  /** JSON of each output's items, for short assertions. */
  json: JsonObject[][];
  suspend?: SuspendRequest['suspend'];
  logs: NodeLogEntry[];
  hints?: string[];
  services: NodeServices;
  /** The node state after the run. */
  nodeState?: JsonValue;
}

function toItem(value: JsonObject | Item): Item {
  return value &&
    typeof value === 'object' &&
    'json' in value &&
    typeof value.json === 'object' &&
    value.json !== null
    ? (value as Item)
    : { json: value as JsonObject };
}

/**
 * Runs one node outside a workflow, with real parameter resolution and
 * validation (expressions included). Throws what the node throws.
 */
export async function testNode(
  definition: AnyNodeDefinition,
  options: TestNodeOptions = {},
): Promise<TestNodeResult> {
  const versions = typeof definition.version === 'number' ? [definition.version] : definition.version;
  const node: WorkflowNode = {
    id: 'test-node',
    name: options.name ?? definition.defaultName ?? definition.displayName,
    type: definition.type,
    typeVersion: options.typeVersion ?? Math.max(...versions),
    position: [0, 0],
    parameters: options.parameters ?? {},
    onError: options.onError,
    credentials: options.credentials
      ? Object.fromEntries(Object.keys(options.credentials).map((slot) => [slot, { id: slot, name: slot }]))
      : undefined,
  };
  const workflow: Workflow = {
    name: 'Test workflow',
    nodes: [node],
    connections: {},
    settings: {},
    ...options.workflow,
  };
  const inputs = (options.inputs ?? [options.items ?? [{}]]).map((list) => list.map(toItem));
  const services: NodeServices = {
    binary: new MemoryBinaryStore(),
    clock: options.clock ?? systemClock,
    ...options.services,
  };
  const logs: NodeLogEntry[] = [];
  let nodeState = options.nodeState;
  const ctx = createNodeContext({
    definition,
    node,
    workflow,
    inputs,
    source: inputs.map(() => null),
    runData: options.runData ?? {},
    runIndex: options.runIndex ?? 0,
    execution: { id: 'test-execution', mode: 'manual' },
    signal: options.signal ?? new AbortController().signal,
    services,
    credentials: {
      async get(request) {
        const data = options.credentials?.[request.ref.name];
        if (!data) throw new GuixuError('CREDENTIAL_MISSING', `No test credential "${request.ref.name}"`);
        return data;
      },
    },
    logs,
    nodeState: options.nodeState,
    onStateChange: (value) => {
      nodeState = value;
    },
  });
  const result = options.resume
    ? definition.resume
      ? await definition.resume(ctx, options.resume)
      : [inputs[0] ?? []]
    : await definition.run(ctx);
  if (isSuspend(result)) return { outputs: [], json: [], suspend: result.suspend, logs, services, nodeState };
  const outputs = outputsOf(result);
  return {
    outputs,
    json: outputs.map((list) => list.map((item) => item.json)),
    logs,
    hints: Array.isArray(result) ? undefined : result.hints,
    services,
    nodeState,
  };
}

/** Runs a node expecting it to throw; returns the plain error. */
export async function testNodeError(
  definition: AnyNodeDefinition,
  options: TestNodeOptions = {},
): Promise<PlainError> {
  try {
    await testNode(definition, options);
  } catch (error) {
    return toPlainError(error);
  }
  throw new Error(`Expected node ${definition.type} to fail, but it succeeded`);
}
