import {
  type AnyNodeDefinition,
  type BinaryStore,
  createEngine,
  type Item,
  MemoryBinaryStore,
  NodeRegistry,
  type PlainError,
  type RunData,
  systemClock,
  type Workflow,
} from '@guixu/core';
import noOp from '../../no-op/no-op.node.ts';

/**
 * Tests of integration nodes run them through the engine: Start (items) →
 * the node → Done, with the credential handed out by a credential provider as
 * the server would. What comes back is the run as it would be stored.
 */
export interface NodeWorkflowRun {
  status: string;
  /** JSON of the node's first output. */
  output: Item['json'][];
  /** The node's first output as items (with their binary references). */
  items: Item[];
  /** The node's error as stored in the run. */
  error: PlainError | undefined;
  runData: RunData;
}

export async function runNodeWorkflow(options: {
  definition: AnyNodeDefinition;
  parameters: Record<string, unknown>;
  credential: { slot: string; data: Record<string, unknown> };
  items?: Item['json'][];
  /** Start items with binary data (instead of `items`). */
  inputItems?: Item[];
  /** The binary store of the run (a fresh memory store by default). */
  binary?: BinaryStore;
  onError?: 'continueRegularOutput' | 'continueErrorOutput';
}): Promise<NodeWorkflowRun> {
  const registry = new NodeRegistry();
  registry.register(noOp);
  registry.register(options.definition);
  const engine = createEngine({
    registry,
    services: { binary: options.binary ?? new MemoryBinaryStore(), clock: systemClock },
    credentials: {
      async get(request) {
        if (request.type !== options.credential.slot)
          throw new Error(`unexpected credential ${request.type}`);
        return options.credential.data;
      },
    },
  });
  const version = options.definition.version;
  const node = {
    id: 'node',
    name: 'DB',
    type: options.definition.type,
    typeVersion: typeof version === 'number' ? version : Math.max(...version),
    position: [200, 0] as [number, number],
    parameters: options.parameters,
    credentials: { [options.credential.slot]: { id: 'c1', name: 'test credential' } },
    ...(options.onError ? { onError: options.onError } : {}),
  };
  const workflow: Workflow = {
    name: `${options.definition.displayName} test`,
    nodes: [
      { id: 'start', name: 'Start', type: 'guixu.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
      node,
      { id: 'done', name: 'Done', type: 'guixu.noOp', typeVersion: 1, position: [400, 0], parameters: {} },
    ],
    connections: {
      Start: { main: [[{ node: 'DB', type: 'main', index: 0 }]] },
      DB: { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
    },
    settings: {},
  };
  const state = engine.start(workflow, {
    executionId: `test-${Math.random().toString(36).slice(2)}`,
    mode: 'manual',
    triggerNode: 'Start',
    triggerItems: options.inputItems ?? (options.items ?? [{}]).map((json) => ({ json })),
  });
  const done = await engine.run(workflow, state);
  const run = done.runData.DB?.[0];
  return {
    status: done.status,
    output: run?.data?.main[0]?.map((item) => item.json) ?? [],
    items: run?.data?.main[0] ?? [],
    error: run?.error,
    runData: done.runData,
  };
}
