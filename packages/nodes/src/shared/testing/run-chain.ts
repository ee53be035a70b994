import {
  type AnyNodeDefinition,
  type BinaryStore,
  createEngine,
  type Item,
  MemoryBinaryStore,
  NodeRegistry,
  type NodeServices,
  type PlainError,
  type RunData,
  systemClock,
  type Workflow,
  type WorkflowNode,
} from '@guixu/core';
import noOp from '../../no-op/no-op.node.ts';

/**
 * Runs a chain of nodes without credentials through the engine: Start (items) →
 * each step in order. For file and format nodes, whose tests often convert and
 * then read back (Convert to File → Extract from File).
 */
export interface ChainStep {
  definition: AnyNodeDefinition;
  parameters: Record<string, unknown>;
  name?: string;
  onError?: WorkflowNode['onError'];
}

export interface ChainRun {
  status: string;
  /** Items of the last step's first output. */
  items: Item[];
  /** Their JSON. */
  output: Item['json'][];
  /** The first error recorded in the run. */
  error: PlainError | undefined;
  runData: RunData;
  binary: BinaryStore;
}

export async function runChain(options: {
  steps: ChainStep[];
  items?: Item['json'][];
  inputItems?: Item[];
  binary?: BinaryStore;
  services?: Partial<NodeServices>;
}): Promise<ChainRun> {
  const registry = new NodeRegistry();
  registry.register(noOp);
  for (const step of options.steps) {
    if (!registry.has(step.definition.type)) registry.register(step.definition);
  }
  const binary = options.binary ?? new MemoryBinaryStore();
  const engine = createEngine({
    registry,
    services: { ...options.services, binary, clock: systemClock },
    credentials: {
      async get() {
        throw new Error('no credentials in this test');
      },
    },
  });
  const names = options.steps.map((step, i) => step.name ?? `Step ${i + 1}`);
  const nodes: WorkflowNode[] = options.steps.map((step, i) => {
    const version = step.definition.version;
    return {
      id: `step-${i}`,
      name: names[i],
      type: step.definition.type,
      typeVersion: typeof version === 'number' ? version : Math.max(...version),
      position: [200 * (i + 1), 0],
      parameters: step.parameters,
      ...(step.onError ? { onError: step.onError } : {}),
    };
  });
  const chain = ['Start', ...names];
  const workflow: Workflow = {
    name: 'Chain test',
    nodes: [
      { id: 'start', name: 'Start', type: 'guixu.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
      ...nodes,
    ],
    connections: Object.fromEntries(
      chain
        .slice(0, -1)
        .map((name, i) => [name, { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] }]),
    ),
    settings: {},
  };
  const state = engine.start(workflow, {
    executionId: `test-${Math.random().toString(36).slice(2)}`,
    mode: 'manual',
    triggerNode: 'Start',
    triggerItems: options.inputItems ?? (options.items ?? [{}]).map((json) => ({ json })),
  });
  const done = await engine.run(workflow, state);
  const last = done.runData[names[names.length - 1]]?.[0];
  const error = names.map((name) => done.runData[name]?.[0]?.error).find(Boolean);
  const items = last?.data?.main[0] ?? [];
  return {
    status: done.status,
    items,
    output: items.map((item) => item.json),
    error,
    runData: done.runData,
    binary,
  };
}
