import { GuixuError } from '../errors.ts';
import type { Item, JsonObject, JsonValue } from '../items.ts';
import type { NodeRegistry } from '../registry.ts';
import type { ExecutionMode, NodeRunSource, RunData } from '../run-data.ts';
import { graphOf } from '../workflow/graph.ts';
import type { Workflow, WorkflowNode } from '../workflow/schema.ts';
import type { RunState, StackEntry, StartOptions } from './types.ts';

const PIN_MODES = new Set(['manual', 'cli']);

/** A run state with nothing run yet (`startState` fills it; a caller may end one that never ran). */
export function emptyRunState(executionId: string, mode: ExecutionMode, startedAt: string): RunState {
  return {
    version: 1,
    executionId,
    mode,
    status: 'new',
    startedAt,
    runData: {},
    stack: [],
    waiting: [],
    nodeState: {},
    nodeRunCount: 0,
    seq: 0,
    usePinData: false,
  };
}

/** The initial, plain-JSON state of an execution. */
export function startState(
  workflow: Workflow,
  options: StartOptions,
  registry: NodeRegistry,
  now: number,
): RunState {
  const state = emptyRunState(options.executionId, options.mode, new Date(now).toISOString());
  state.usePinData = PIN_MODES.has(options.mode) && hasPins(options, workflow);
  if (options.parentExecutionId) state.parentExecutionId = options.parentExecutionId;
  if (options.staticData) state.staticData = structuredClone(options.staticData);
  if (state.usePinData && options.pinData) state.pinData = options.pinData;
  if (options.runOne) return startRunOne(state, workflow, options.runOne, options.triggerItems);

  const start = startNodes(workflow, options, registry);
  const items = options.triggerItems ?? [{ json: {} }];
  state.stack = start.map((node) => ({ node: node.name, source: [null], items: [items] }));
  if (options.trigger) {
    for (const node of start) {
      if (registry.find(node.type, node.typeVersion)?.trigger) state.nodeState[node.name] = options.trigger;
    }
  }
  if (options.destination) {
    const graph = graphOf(workflow);
    requireNode(workflow, options.destination, 'destination');
    state.destination = options.destination;
    state.allowedNodes = [...graph.subgraphTo(options.destination)];
    const allowed = new Set(state.allowedNodes);
    state.stack = state.stack.filter((entry) => allowed.has(entry.node));
    if (state.stack.length === 0) {
      throw new GuixuError(
        'DESTINATION_UNREACHABLE',
        `Node "${options.destination}" cannot be reached from the start node`,
        { details: { destination: options.destination } },
      );
    }
  }
  if (options.retryFrom) {
    const { node, previousRunData } = options.retryFrom;
    requireNode(workflow, node, 'retryFrom.node');
    const rerun = graphOf(workflow).descendants(node);
    rerun.add(node);
    state.replay = { runData: previousRunData, rerun: [...rerun] };
  }
  return state;
}

function hasPins(options: StartOptions, workflow: Workflow): boolean {
  const pins = options.pinData ?? workflow.pinData;
  return pins !== undefined && Object.keys(pins).length > 0;
}

/** Pinned items of a node for this run, or undefined. */
export function pinnedItems(workflow: Workflow, state: RunState, node: string): Item[] | undefined {
  if (!state.usePinData) return undefined;
  const pins = state.pinData ?? workflow.pinData;
  const list = pins?.[node];
  if (!list) return undefined;
  return list.map((entry) => {
    const item: Item = { json: isJsonObject(entry.json) ? entry.json : {} };
    if ('binary' in entry && isBinaryMap(entry.binary)) item.binary = entry.binary;
    return item;
  });
}

function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  return isJsonObject(value);
}

function isJsonObject(value: unknown): value is JsonObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(isJsonValue)
  );
}

function isBinaryMap(value: unknown): value is Item['binary'] {
  return (
    isJsonObject(value) &&
    Object.values(value).every(
      (ref) => isJsonObject(ref) && typeof ref.id === 'string' && typeof ref.mimeType === 'string',
    )
  );
}

function startNodes(workflow: Workflow, options: StartOptions, registry: NodeRegistry): WorkflowNode[] {
  if (workflow.nodes.length === 0) {
    throw new GuixuError('WORKFLOW_EMPTY', 'The workflow has no nodes to run');
  }
  if (options.triggerNode) return [requireNode(workflow, options.triggerNode, 'triggerNode')];
  const enabled = workflow.nodes.filter((n) => !n.disabled);
  const kindOf = (node: WorkflowNode) => registry.find(node.type, node.typeVersion)?.trigger?.kind;
  const preferred = options.mode === 'subworkflow' ? 'executeWorkflow' : 'manual';
  const match = enabled.find((n) => kindOf(n) === preferred) ?? enabled.find((n) => kindOf(n) !== undefined);
  if (match) return [match];
  const roots = graphOf(workflow)
    .startNodes()
    .filter((n) => !n.disabled);
  if (roots.length === 0) {
    // Usually an imported workflow whose only trigger became a disabled placeholder.
    const disabledStarts = graphOf(workflow)
      .startNodes()
      .filter((n) => n.disabled)
      .map((n) => `"${n.name}"`);
    const which = disabledStarts.length > 0 ? ` (${disabledStarts.join(', ')} is disabled)` : '';
    throw new GuixuError(
      'NO_START_NODE',
      `The workflow has no enabled trigger and no enabled node without inputs to start from${which}`,
      {
        description:
          disabledStarts.length > 0
            ? 'Enable the trigger, or add a Manual Trigger (or another trigger) connected to the first node; an imported trigger GuixuFlow cannot run yet stays a disabled placeholder.'
            : 'Add a Manual Trigger (or another trigger) node.',
        details: { disabledStartNodes: disabledStarts },
      },
    );
  }
  return roots;
}

function requireNode(workflow: Workflow, name: string, option: string): WorkflowNode {
  const node = graphOf(workflow).node(name);
  if (!node) {
    throw new GuixuError('NODE_NOT_FOUND', `There is no node named "${name}" in the workflow (${option})`, {
      details: { node: name, option },
    });
  }
  return node;
}

/**
 * Run one node: copy its ancestors' stored runs and feed it the last output of
 * each parent connection (or the trigger input when it has no parents).
 */
function startRunOne(
  state: RunState,
  workflow: Workflow,
  runOne: NonNullable<StartOptions['runOne']>,
  triggerItems: Item[] | undefined,
): RunState {
  const graph = graphOf(workflow);
  requireNode(workflow, runOne.node, 'runOne.node');
  const runData: RunData = {};
  for (const name of graph.ancestors(runOne.node)) {
    const runs = runOne.previousRunData[name];
    if (runs && name !== runOne.node) runData[name] = runs;
  }
  state.runData = runData;
  state.runOnly = runOne.node;
  const edges = graph.edgesTo(runOne.node);
  const entries: StackEntry[] = [];
  for (const edge of edges) {
    const runs = runData[edge.from];
    if (!runs || runs.length === 0) continue;
    const source: (NodeRunSource | null)[] = [];
    for (let i = 0; i < edge.inputIndex; i++) source.push(null);
    source.push({
      previousNode: edge.from,
      previousNodeOutput: edge.outputIndex,
      previousNodeRun: runs.length - 1,
    });
    const sameRun = entries.find((e) => !e.source[edge.inputIndex]);
    if (sameRun) {
      while (sameRun.source.length <= edge.inputIndex) sameRun.source.push(null);
      sameRun.source[edge.inputIndex] = source[edge.inputIndex];
    } else entries.push({ node: runOne.node, source });
  }
  if (entries.length === 0 && edges.length > 0) {
    throw new GuixuError(
      'RUN_ONE_NO_INPUT',
      `Node "${runOne.node}" has no stored input: none of its parents (${graph.parents(runOne.node).join(', ')}) has run`,
      { node: runOne.node, description: 'Run the workflow up to this node first.' },
    );
  }
  state.stack =
    entries.length > 0
      ? entries.slice(0, 1)
      : [{ node: runOne.node, source: [null], items: [triggerItems ?? [{ json: {} }]] }];
  return state;
}
