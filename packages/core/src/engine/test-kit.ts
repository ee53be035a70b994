/**
 * Small nodes and helpers for engine tests (and the engine benchmark). Not used
 * by the engine itself; kept in core so tests in any package can build
 * workflows without the real nodes.
 */
import { GuixuError } from '../errors.ts';
import type { Item, JsonValue } from '../items.ts';
import { MemoryBinaryStore } from '../memory-binary-store.ts';
import type { Clock } from '../ports.ts';
import { NodeRegistry } from '../registry.ts';
import { defineNode } from '../sdk/define-node.ts';
import { p } from '../sdk/params.ts';
import type { Connections, Workflow, WorkflowNode } from '../workflow/schema.ts';

export const testTrigger = defineNode({
  type: 'test.trigger',
  version: 1,
  displayName: 'Test Trigger',
  description: 'Starts a test run with its input items.',
  group: 'trigger',
  trigger: { kind: 'manual' },
  inputs: [],
  outputs: ['main'],
  params: {},
  run: (ctx) => [ctx.items],
});

/** Sets `field` to `value` on every item (copying the item). */
export const testSet = defineNode({
  type: 'test.set',
  version: 1,
  displayName: 'Test Set',
  description: 'Sets one field on every item.',
  group: 'data',
  inputs: ['main'],
  outputs: ['main'],
  params: {
    field: p.string({ label: 'Field', default: 'value' }),
    value: p.json({ label: 'Value' }),
  },
  run: (ctx) => {
    const { field } = ctx.params(0);
    return [
      ctx.items.map((item, i) => {
        const value = ctx.params(i).value;
        return { json: { ...item.json, [field]: toJson(value) }, pairedItem: { item: i } };
      }),
    ];
  },
});

/** Routes items whose `field` is truthy to output 0, the rest to output 1. */
export const testIf = defineNode({
  type: 'test.if',
  version: 1,
  displayName: 'Test If',
  description: 'Routes items on one field.',
  group: 'flow',
  inputs: ['main'],
  outputs: ['main', 'main'],
  outputNames: ['true', 'false'],
  params: { field: p.string({ label: 'Field', default: 'ok' }) },
  run: (ctx) => {
    const { field } = ctx.params();
    return [ctx.items.filter((i) => Boolean(i.json[field])), ctx.items.filter((i) => !i.json[field])];
  },
});

/** Appends input 1 to input 0 and tags each item with the inputs that had data. */
export const testMerge = defineNode({
  type: 'test.merge',
  version: 1,
  displayName: 'Test Merge',
  description: 'Appends its two inputs.',
  group: 'flow',
  inputs: ['main', 'main'],
  outputs: ['main'],
  params: {},
  run: (ctx) => [[...(ctx.inputs[0] ?? []), ...(ctx.inputs[1] ?? [])]],
});

/** Throws `message`; with `failTimes` > 0 it fails only that many times per execution. */
export const testFail = defineNode({
  type: 'test.fail',
  version: 1,
  displayName: 'Test Fail',
  description: 'Fails on purpose.',
  group: 'flow',
  inputs: ['main'],
  outputs: ['main'],
  params: {
    message: p.string({ label: 'Message', default: 'boom' }),
    failTimes: p.number({ label: 'Fail times', default: 0 }),
  },
  run: (ctx) => {
    const { message, failTimes } = ctx.params();
    const failed = Number(ctx.state.get() ?? 0);
    if (failTimes === 0 || failed < failTimes) {
      ctx.state.set(failed + 1);
      throw new GuixuError('TEST_FAILURE', message, { node: ctx.node.name });
    }
    return [ctx.items.map((item) => ({ json: { ...item.json, tries: failed + 1 } }))];
  },
});

/** Never finishes on its own: waits for its abort signal (timeouts, cancel). */
export const testHang = defineNode({
  type: 'test.hang',
  version: 1,
  displayName: 'Test Hang',
  description: 'Waits until aborted.',
  group: 'flow',
  inputs: ['main'],
  outputs: ['main'],
  params: { ignoreSignal: p.boolean({ label: 'Ignore signal', default: false }) },
  run: (ctx) =>
    new Promise((_, reject) => {
      if (!ctx.params().ignoreSignal) ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason));
    }),
});

/** Suspends; on resume outputs its input items merged with the resume items' json. */
export const testWait = defineNode({
  type: 'test.wait',
  version: 1,
  displayName: 'Test Wait',
  description: 'Suspends until resumed.',
  group: 'flow',
  inputs: ['main'],
  outputs: ['main'],
  params: { until: p.string({ label: 'Until', default: '' }) },
  run: (ctx) => {
    const { until } = ctx.params();
    return {
      suspend: {
        ...(until ? { until } : {}),
        resumeOn: until ? ['time'] : ['webhook'],
        data: { count: ctx.items.length },
      },
    };
  },
  resume: (ctx, input) => {
    const extra = input.items?.[0]?.json ?? {};
    return [ctx.items.map((item) => ({ json: { ...item.json, ...extra, resumedWith: input.data ?? null } }))];
  },
});

/** Loop Over Items with batch size 1: output 0 "done" (all), output 1 "loop" (next item). */
export const testLoop = defineNode({
  type: 'test.loop',
  version: 1,
  displayName: 'Test Loop',
  description: 'Emits items one by one on "loop", then all on "done".',
  group: 'flow',
  inputs: ['main'],
  outputs: ['main', 'main'],
  outputNames: ['done', 'loop'],
  params: {},
  run: (ctx) => {
    const saved = ctx.state.get();
    const state = isLoopState(saved) ? saved : { rest: ctx.items.map((i) => i.json), done: [] };
    if (isLoopState(saved)) state.done.push(...ctx.items.map((i) => i.json));
    const next = state.rest.shift();
    if (next === undefined) {
      ctx.state.set(undefined);
      return [state.done.map((json) => ({ json })), []];
    }
    ctx.state.set({ rest: state.rest, done: state.done });
    return [[], [{ json: next }]];
  },
});

/** Returns items shaped `{ error }` for inputs with `bad` set (like a Code node). */
export const testErrorItems = defineNode({
  type: 'test.errorItems',
  version: 1,
  displayName: 'Test Error Items',
  description: 'Marks bad items as errors.',
  group: 'data',
  inputs: ['main'],
  outputs: ['main'],
  params: {},
  run: (ctx) => [
    ctx.items.map((item, i) =>
      item.json.bad ? { json: { error: `bad ${i}` }, pairedItem: { item: i } } : { json: item.json },
    ),
  ],
});

/** Runs even when it receives no items; outputs how many it got. */
export const testAlways = defineNode({
  type: 'test.always',
  version: 1,
  displayName: 'Test Always',
  description: 'Counts its items, even zero.',
  group: 'flow',
  alwaysRun: true,
  inputs: ['main'],
  outputs: ['main'],
  params: {},
  run: (ctx) => [[{ json: { count: ctx.items.length } }]],
});

/** Outputs nothing. */
export const testEmpty = defineNode({
  type: 'test.empty',
  version: 1,
  displayName: 'Test Empty',
  description: 'Outputs no items.',
  group: 'flow',
  inputs: ['main'],
  outputs: ['main'],
  params: {},
  run: () => [[]],
});

export const testNodes = [
  testTrigger,
  testSet,
  testIf,
  testMerge,
  testFail,
  testHang,
  testWait,
  testLoop,
  testErrorItems,
  testAlways,
  testEmpty,
];

export function testRegistry(): NodeRegistry {
  const registry = new NodeRegistry();
  for (const node of testNodes) registry.register(node);
  return registry;
}

/** A clock whose sleeps return at once and move time forward; `sleeps` records them. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public time = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.time += ms;
  }
}

export function testServices(clock: Clock = new FakeClock()) {
  return { binary: new MemoryBinaryStore(), clock };
}

type NodeSpec = Partial<WorkflowNode> & { name: string; type: string };

/**
 * Builds a workflow from node specs and edges written `from[:output] -> to[:input]`,
 * e.g. `['If:1 -> Merge:1']`. Nodes are laid out top to bottom in list order.
 */
export function buildWorkflow(nodes: NodeSpec[], edges: string[], extra: Partial<Workflow> = {}): Workflow {
  const connections: Connections = {};
  for (const edge of edges) {
    const [from, to] = edge.split('->').map((s) => s.trim());
    const [fromName, fromOut = '0'] = from.split(':');
    const [toName, toIn = '0'] = to.split(':');
    const byType = connections[fromName] ?? {};
    connections[fromName] = byType;
    const outputs = byType.main ?? [];
    byType.main = outputs;
    while (outputs.length <= Number(fromOut)) outputs.push([]);
    const slot = outputs[Number(fromOut)] ?? [];
    outputs[Number(fromOut)] = slot;
    slot.push({ node: toName, type: 'main', index: Number(toIn) });
  }
  return {
    name: 'Test workflow',
    nodes: nodes.map((spec, i) => ({
      id: `n${i}`,
      typeVersion: 1,
      position: [0, i * 100],
      parameters: {},
      ...spec,
    })),
    connections,
    settings: {},
    ...extra,
  };
}

/** JSON of each run's output 0 per node: `{ node: [[...items json]] }` for short assertions. */
export function outputsByNode(runData: Record<string, { data?: { main: Item[][] } }[]>, output = 0) {
  const out: Record<string, JsonValue[][]> = {};
  for (const [node, runs] of Object.entries(runData)) {
    out[node] = runs.map((run) => (run.data?.main[output] ?? []).map((item) => item.json));
  }
  return out;
}

function isLoopState(value: unknown): value is { rest: Item['json'][]; done: Item['json'][] } {
  return typeof value === 'object' && value !== null && 'rest' in value && Array.isArray(value.rest);
}

function toJson(value: unknown): JsonValue {
  if (isJsonValue(value)) return value;
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  return (
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype &&
    Object.values(value).every(isJsonValue)
  );
}
