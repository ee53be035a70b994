import type { Workflow, WorkflowNode } from './schema.ts';

/** One connection from a node's output to a node's input. */
export interface Edge {
  from: string;
  /** Connection type of the source output (`main`, `ai_tool`, …). */
  type: string;
  outputIndex: number;
  to: string;
  /** Connection type the target declares (usually equal to `type`). */
  toType: string;
  inputIndex: number;
}

/** Connections that point at or come from a node that does not exist. */
export interface DanglingConnection extends Edge {
  missing: 'source' | 'target' | 'both';
}

/** Every connection in the document, skipping the `null` slots n8n writes. */
export function* iterateConnections(workflow: Pick<Workflow, 'connections'>): Generator<Edge> {
  for (const [from, byType] of Object.entries(workflow.connections ?? {})) {
    for (const [type, outputs] of Object.entries(byType ?? {})) {
      if (!Array.isArray(outputs)) continue;
      for (let outputIndex = 0; outputIndex < outputs.length; outputIndex++) {
        for (const target of outputs[outputIndex] ?? []) {
          if (!target) continue;
          yield { from, type, outputIndex, to: target.node, toType: target.type, inputIndex: target.index };
        }
      }
    }
  }
}

/**
 * Read-only view of a workflow's connections, indexed both ways. Built once per
 * workflow object (`graphOf` caches it) because the engine asks on every node run.
 */
export class WorkflowGraph {
  readonly nodes = new Map<string, WorkflowNode>();
  private readonly outgoing = new Map<string, Edge[]>();
  private readonly incoming = new Map<string, Edge[]>();
  private readonly inputIndexes = new Map<string, number[]>();

  constructor(readonly workflow: Pick<Workflow, 'nodes' | 'connections'>) {
    for (const node of workflow.nodes) this.nodes.set(node.name, node);
    for (const edge of iterateConnections(workflow)) {
      if (!this.nodes.has(edge.from) || !this.nodes.has(edge.to)) continue;
      push(this.outgoing, edge.from, edge);
      push(this.incoming, edge.to, edge);
    }
  }

  node(name: string): WorkflowNode | undefined {
    return this.nodes.get(name);
  }

  /** Edges leaving `name` (of connection type `type`, or of every type when null). */
  edgesFrom(name: string, type: string | null = 'main'): Edge[] {
    const all = this.outgoing.get(name) ?? [];
    return type === null ? all : all.filter((e) => e.type === type);
  }

  /** Edges entering `name` (by the target's connection type, or of every type when null). */
  edgesTo(name: string, type: string | null = 'main'): Edge[] {
    const all = this.incoming.get(name) ?? [];
    return type === null ? all : all.filter((e) => e.toType === type);
  }

  parents(name: string, type: string | null = 'main'): string[] {
    return unique(this.edgesTo(name, type).map((e) => e.from));
  }

  children(name: string, type: string | null = 'main'): string[] {
    return unique(this.edgesFrom(name, type).map((e) => e.to));
  }

  /** Every node upstream of `name` along `type` connections (not including `name` unless in a cycle). */
  ancestors(name: string, type: string | null = 'main'): Set<string> {
    return this.walk(name, (n) => this.parents(n, type));
  }

  /** Every node downstream of `name` along `type` connections (not including `name` unless in a cycle). */
  descendants(name: string, type: string | null = 'main'): Set<string> {
    return this.walk(name, (n) => this.children(n, type));
  }

  /** The nodes that run in a "run to this node" execution: its ancestors and itself. */
  subgraphTo(destination: string): Set<string> {
    const set = this.ancestors(destination);
    set.add(destination);
    return set;
  }

  /** Nodes with no incoming `main` connection, in node-list order. */
  startNodes(): WorkflowNode[] {
    return this.workflow.nodes.filter((n) => this.edgesTo(n.name).length === 0);
  }

  /** Input indexes of `name` that have at least one `main` connection, ascending. */
  connectedInputs(name: string): readonly number[] {
    let indexes = this.inputIndexes.get(name);
    if (!indexes) {
      indexes = unique(this.edgesTo(name).map((e) => e.inputIndex)).sort((a, b) => a - b);
      this.inputIndexes.set(name, indexes);
    }
    return indexes;
  }

  private walk(start: string, next: (name: string) => string[]): Set<string> {
    const seen = new Set<string>();
    const queue = [...next(start)];
    while (queue.length > 0) {
      const current = queue.pop() as string;
      if (seen.has(current)) continue;
      seen.add(current);
      queue.push(...next(current));
    }
    return seen;
  }
}

const graphs = new WeakMap<object, WorkflowGraph>();

/** The (cached) graph of a workflow object. Workflows are not mutated during a run. */
export function graphOf(workflow: Pick<Workflow, 'nodes' | 'connections'>): WorkflowGraph {
  let graph = graphs.get(workflow);
  if (!graph) {
    graph = new WorkflowGraph(workflow);
    graphs.set(workflow, graph);
  }
  return graph;
}

/** Trigger nodes in node-list order, as told by `isTrigger` (the graph knows no node definitions). */
export function triggerNodes(
  workflow: Pick<Workflow, 'nodes'>,
  isTrigger: (node: WorkflowNode) => boolean,
): WorkflowNode[] {
  return workflow.nodes.filter(isTrigger);
}

export interface ReachabilityOptions {
  /** Nodes that start runs (triggers). Defaults to nodes without `main` parents. */
  isTrigger?: (node: WorkflowNode) => boolean;
  /** Nodes that never take part in a run (sticky notes…), never reported. */
  ignore?: (node: WorkflowNode) => boolean;
}

/**
 * Nodes no run can reach: not downstream of a start node along `main`, and not a
 * sub-node (AI model, tool, memory…) attached to a reachable node.
 */
export function unreachableNodes(
  workflow: Pick<Workflow, 'nodes' | 'connections'>,
  options: ReachabilityOptions = {},
): WorkflowNode[] {
  const graph = graphOf(workflow);
  const starts = options.isTrigger ? workflow.nodes.filter(options.isTrigger) : graph.startNodes();
  const reached = new Set<string>();
  const queue = starts.map((n) => n.name);
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (reached.has(name)) continue;
    reached.add(name);
    queue.push(...graph.children(name, 'main'));
    // Sub-nodes point *into* the node that uses them, through non-main connections.
    for (const edge of graph.edgesTo(name, null)) if (edge.toType !== 'main') queue.push(edge.from);
  }
  return workflow.nodes.filter((n) => !reached.has(n.name) && !options.ignore?.(n));
}

/** Connections whose source or target node is not in the workflow. */
export function danglingConnections(workflow: Pick<Workflow, 'nodes' | 'connections'>): DanglingConnection[] {
  const names = new Set(workflow.nodes.map((n) => n.name));
  const out: DanglingConnection[] = [];
  for (const edge of iterateConnections(workflow)) {
    const source = names.has(edge.from);
    const target = names.has(edge.to);
    if (source && target) continue;
    out.push({ ...edge, missing: !source && !target ? 'both' : source ? 'target' : 'source' });
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
