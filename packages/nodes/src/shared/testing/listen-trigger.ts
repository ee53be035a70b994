import {
  type AnyNodeDefinition,
  CompiledParams,
  createEngine,
  type EmitOptions,
  type EmitOutcome,
  type EventItem,
  type EventListener,
  type Item,
  MemoryBinaryStore,
  NodeRegistry,
  systemClock,
  type Workflow,
} from '@guixu/core';
import noOp from '../../no-op/no-op.node.ts';

/**
 * Tests of event triggers open the node's listener as the server would (its
 * parameters compiled without expressions, its credential handed out) and run
 * every `emit` through the engine: the trigger node → Done, with emitted bytes
 * put in a binary store. What each emit gave and how its run ended is kept.
 */
export interface EmittedRun {
  items: EventItem[];
  /** The Done node's input: the trigger's output as the run stored it. */
  output: Item[];
  outcome: EmitOutcome;
}

export interface ListeningTrigger {
  listener: EventListener;
  runs: EmittedRun[];
  /** Resolves once `count` emits have run (counting those already run). */
  runsDone(count: number): Promise<EmittedRun[]>;
  failures: unknown[];
  binary: MemoryBinaryStore;
  close(): Promise<void>;
}

export async function listenTrigger(options: {
  definition: AnyNodeDefinition;
  parameters: Record<string, unknown>;
  credential: { slot: string; data: Record<string, unknown> };
  /** Decides how each run ends (default: as the engine says). */
  outcome?: (run: Omit<EmittedRun, 'outcome'>) => EmitOutcome | undefined;
}): Promise<ListeningTrigger> {
  const registry = new NodeRegistry();
  registry.register(noOp);
  registry.register(options.definition);
  const binary = new MemoryBinaryStore();
  const engine = createEngine({ registry, services: { binary, clock: systemClock } });
  const version = options.definition.version;
  const node = {
    id: 'trigger',
    name: 'Trigger',
    type: options.definition.type,
    typeVersion: typeof version === 'number' ? version : Math.max(...version),
    position: [0, 0] as [number, number],
    parameters: options.parameters,
    credentials: { [options.credential.slot]: { id: 'c1', name: 'test credential' } },
  };
  const workflow: Workflow = {
    name: `${options.definition.displayName} test`,
    nodes: [
      node,
      { id: 'done', name: 'Done', type: 'guixu.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
    ],
    connections: { Trigger: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
    settings: {},
  };
  const params = new CompiledParams(options.definition.params, node.parameters, node.name).resolve(() => {
    throw new Error('event trigger parameters cannot be expressions');
  });
  const runs: EmittedRun[] = [];
  const waiters: { count: number; resolve: (runs: EmittedRun[]) => void }[] = [];
  const failures: unknown[] = [];
  const controller = new AbortController();
  let counter = 0;

  async function execute(items: EventItem[]): Promise<Omit<EmittedRun, 'outcome'> & { status: string }> {
    const executionId = `listen-${++counter}`;
    const triggerItems: Item[] = [];
    for (const item of items) {
      const stored: Item = { json: item.json };
      if (item.binary) {
        stored.binary = {};
        for (const [key, value] of Object.entries(item.binary)) {
          stored.binary[key] = await binary.put(value.data, {
            mimeType: value.mimeType ?? 'application/octet-stream',
            ...(value.fileName ? { fileName: value.fileName } : {}),
            executionId,
          });
        }
      }
      triggerItems.push(stored);
    }
    const state = engine.start(workflow, {
      executionId,
      mode: 'trigger',
      triggerNode: 'Trigger',
      triggerItems,
    });
    const done = await engine.run(workflow, state);
    return { items, output: done.runData.Done?.[0]?.data?.main[0] ?? [], status: done.status };
  }

  // A plain object (not a literal argument), so it fits the context whether or not it has reportError yet.
  const context = {
    node,
    workflow,
    workflowId: 'wf-test',
    params,
    signal: controller.signal,
    credentials: async <T extends Record<string, unknown>>(slot: string) => {
      if (slot !== options.credential.slot) throw new Error(`unexpected credential ${slot}`);
      return options.credential.data as T;
    },
    async emit(items: EventItem[], emitOptions?: EmitOptions) {
      const { status, ...run } = await execute(items);
      const outcome: EmitOutcome = options.outcome?.(run) ?? {
        status: status as EmitOutcome['status'],
        ok: status === 'success',
        executionId: `listen-${counter}`,
      };
      const entry = { ...run, outcome };
      await emitOptions?.onDone?.(outcome);
      runs.push(entry);
      for (const waiter of [...waiters]) {
        if (runs.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(runs.slice(0, waiter.count));
        }
      }
    },
    fail(error: unknown) {
      failures.push(error);
    },
    reportError(error: unknown) {
      failures.push(error);
    },
    log: () => undefined,
  };
  const listener = await options.definition.listen?.(context);
  if (!listener) throw new Error(`${options.definition.type} has no listen()`);
  return {
    listener,
    runs,
    failures,
    binary,
    runsDone(count) {
      if (runs.length >= count) return Promise.resolve(runs.slice(0, count));
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async close() {
      controller.abort();
      await listener.close();
    },
  };
}
