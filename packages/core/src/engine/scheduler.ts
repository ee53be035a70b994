import type { Item } from '../items.ts';
import type { NodeRunSource } from '../run-data.ts';
import { type Edge, graphOf, type WorkflowGraph } from '../workflow/graph.ts';
import type { Workflow } from '../workflow/schema.ts';
import type { StackEntry, WaitingEntry } from './types.ts';

const orders = new WeakMap<WorkflowGraph, Map<string, Edge[]>>();

/**
 * The `main` edges leaving `node` in the order n8n v1 adds them to the stack:
 * children lower on the canvas first, then further right, ties in connection
 * order. Each is put at the front of the stack, so the top-left child runs first
 * and, when both outputs of an IF feed one node, the false branch runs first.
 */
export function scheduleOrder(workflow: Workflow, node: string): Edge[] {
  const graph = graphOf(workflow);
  let byNode = orders.get(graph);
  if (!byNode) {
    byNode = new Map();
    orders.set(graph, byNode);
  }
  let order = byNode.get(node);
  if (!order) {
    const position = (name: string) => graph.node(name)?.position ?? [0, 0];
    order = graph
      .edgesFrom(node, 'main')
      .map((edge, i) => ({ edge, i, pos: position(edge.to) }))
      .sort((a, b) => b.pos[1] - a.pos[1] || b.pos[0] - a.pos[0] || a.i - b.i)
      .map((x) => x.edge);
    byNode.set(node, order);
  }
  return order;
}

export interface PropagateOptions {
  workflow: Workflow;
  node: string;
  runIndex: number;
  outputs: Item[][];
  waiting: WaitingEntry[];
  /** Children that run even without items (definition.alwaysRun). */
  alwaysRun: (node: string) => boolean;
  allowed?: ReadonlySet<string>;
}

export interface Propagation {
  /** New entries for the front of the stack, in run order. */
  push: StackEntry[];
  /** New multi-input buffers, when they changed. */
  waiting?: WaitingEntry[];
}

/** Sends a node run's outputs along its connections: to the stack, or to a multi-input buffer. */
export function propagate(options: PropagateOptions): Propagation {
  const { workflow, node, runIndex, outputs } = options;
  const graph = graphOf(workflow);
  const push: StackEntry[] = [];
  let waiting: WaitingEntry[] | undefined;
  for (const edge of scheduleOrder(workflow, node)) {
    if (options.allowed && !options.allowed.has(edge.to)) continue;
    const items = outputs[edge.outputIndex];
    if ((items === undefined || items.length === 0) && !options.alwaysRun(edge.to)) continue;
    const source: NodeRunSource = {
      previousNode: node,
      previousNodeOutput: edge.outputIndex,
      previousNodeRun: runIndex,
    };
    const connected = graph.connectedInputs(edge.to);
    if (connected.length <= 1) {
      push.unshift({ node: edge.to, source: placeAt(edge.inputIndex, source) });
      continue;
    }
    waiting ??= options.waiting.map((w) => ({ node: w.node, source: [...w.source] }));
    let slot = waiting.find((w) => w.node === edge.to && !w.source[edge.inputIndex]);
    if (!slot) {
      // n8n keys its buffers by node: a node's later runs queue right after its earlier ones.
      slot = { node: edge.to, source: [] };
      const last = waiting.findLastIndex((w) => w.node === edge.to);
      waiting.splice(last === -1 ? waiting.length : last + 1, 0, slot);
    }
    slot.source = fill(slot.source, edge.inputIndex);
    slot.source[edge.inputIndex] = source;
    if (connected.every((i) => slot.source[i])) {
      waiting.splice(waiting.indexOf(slot), 1);
      push.unshift({ node: edge.to, source: fill(slot.source, Math.max(...connected)) });
    }
  }
  return waiting ? { push, waiting } : { push };
}

function placeAt(index: number, source: NodeRunSource): (NodeRunSource | null)[] {
  const list: (NodeRunSource | null)[] = fill([], index);
  list[index] = source;
  return list;
}

/** Pads a source list with nulls so that `index` exists. */
function fill(list: (NodeRunSource | null)[], index: number): (NodeRunSource | null)[] {
  const out = [...list];
  while (out.length <= index) out.push(null);
  for (let i = 0; i < out.length; i++) out[i] ??= null;
  return out;
}
