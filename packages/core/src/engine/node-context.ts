import { toPlainError } from '../errors.ts';
import { createExpressionEnv, type ExpressionEnv } from '../expression/index.ts';
import type { Item, JsonValue } from '../items.ts';
import type { CredentialProvider } from '../ports.ts';
import type { NodeLogEntry, NodeRunSource, RunData } from '../run-data.ts';
import type {
  AnyNodeDefinition,
  ExecutionInfo,
  NodeRunContext,
  NodeServices,
  SuppliedData,
} from '../sdk/define-node.ts';
import type { ParamShape } from '../sdk/params.ts';
import { CompiledParams, resolveDeep } from '../sdk/resolve.ts';
import { GuixuError } from '../errors.ts';
import type { NodeRegistry } from '../registry.ts';
import { graphOf } from '../workflow/graph.ts';
import type { ConnectionType, Workflow, WorkflowNode } from '../workflow/schema.ts';
import { StaticDataAccess } from './static-data.ts';
import type { UserLogicMeter } from './types.ts';

export interface NodeContextOptions {
  definition: AnyNodeDefinition;
  node: WorkflowNode;
  workflow: Workflow;
  inputs: Item[][];
  /** What `$input` reads in expressions when it differs from `inputs` (executeOnce: every input item). */
  expressionInputs?: Item[][];
  source: (NodeRunSource | null)[];
  runData: RunData;
  runIndex: number;
  execution: ExecutionInfo;
  signal: AbortSignal;
  services: NodeServices;
  credentials?: CredentialProvider;
  vars?: Record<string, string>;
  env?: Record<string, string>;
  /** The instance's default time zone (the workflow's settings.timezone wins). */
  timezone?: string;
  /** Reused across runs of the same node (parameters don't change within a run). */
  compiled?: CompiledParams<ParamShape>;
  logs: NodeLogEntry[];
  /** The node's persisted state (see NodeRunContext.state); `set` writes back through `onStateChange`. */
  nodeState?: JsonValue;
  /** Every node's saved state, for `$node["Loop"].context` in expressions. */
  nodeStates?: Readonly<Record<string, JsonValue>>;
  onStateChange?: (value: JsonValue | undefined) => void;
  /** The workflow's static data for this node run (absent: a node run outside an engine). */
  staticData?: StaticDataAccess;
  /** Meters expression evaluation as the execution's user logic (worker hosts). */
  userLogic?: UserLogicMeter;
  /** Finds sub-nodes' definitions for `subNodes` (absent: a node run outside an engine). */
  registry?: NodeRegistry;
}

const compiledCache = new WeakMap<WorkflowNode, CompiledParams<ParamShape>>();

/** Compiles a node's parameters once per node object. */
export function compileNodeParams(
  definition: AnyNodeDefinition,
  node: WorkflowNode,
): CompiledParams<ParamShape> {
  let compiled = compiledCache.get(node);
  if (!compiled || compiled.shape !== definition.params) {
    compiled = new CompiledParams(definition.params as ParamShape, node.parameters ?? {}, node.name);
    compiledCache.set(node, compiled);
  }
  return compiled;
}

export function createNodeContext(options: NodeContextOptions): NodeRunContext<Record<string, unknown>> {
  const { node, services } = options;
  const compiled = options.compiled ?? compileNodeParams(options.definition, node);
  let env: ExpressionEnv | undefined;
  const expressions = () => {
    env ??= createExpressionEnv({
      workflow: options.workflow,
      runData: options.runData,
      node,
      runIndex: options.runIndex,
      inputs: options.expressionInputs ?? options.inputs,
      source: options.source,
      execution: options.execution,
      vars: options.vars,
      env: options.env,
      now: () => services.clock.now(),
      timezone: options.workflow.settings?.timezone || options.timezone,
      // Imported n8n workflows (and any that opt in) get null for a runtime error, as in n8n.
      runtimeErrors: options.workflow.settings?.expressionErrors === 'null' ? 'null' : 'throw',
      nodeContext: (name) => options.nodeStates?.[name],
      staticData: (type) => staticData(type),
    });
    return env;
  };
  const staticAccess = options.staticData ?? new StaticDataAccess(undefined, node.name);
  const staticData = (type: unknown) => staticAccess.get(type);
  const items = options.inputs[0] ?? [];
  const source = Object.freeze(options.source.map((s) => (s ? Object.freeze({ ...s }) : null)));
  const onError = node.onError ?? 'stopWorkflow';
  let nodeState = options.nodeState;
  const meter = options.userLogic;
  const executionId = options.execution.id;
  const metered = <T>(work: () => T): T => {
    if (!meter) return work();
    meter.enter(executionId);
    try {
      return work();
    } finally {
      meter.leave(executionId);
    }
  };
  const timezone = options.workflow.settings?.timezone || options.timezone;
  return {
    node,
    workflow: options.workflow,
    ...(timezone ? { timezone } : {}),
    inputs: options.inputs,
    items,
    source,
    runIndex: options.runIndex,
    execution: options.execution,
    signal: options.signal,
    onError,
    services,
    params(itemIndex = 0) {
      if (!compiled.hasExpressions) return compiled.resolve(unreachable);
      const e = expressions();
      return metered(() => compiled.resolve((source, path) => e.evaluate(source, itemIndex, path)));
    },
    evaluate(value, itemIndex, extra) {
      const e = expressions();
      return metered(() =>
        resolveDeep(value, '', (source, path) => e.evaluate(source, itemIndex, path, extra)),
      );
    },
    expressionVariables(itemIndex) {
      return expressions().variables(itemIndex);
    },
    async credentials<T extends Record<string, unknown>>(slot: string): Promise<T> {
      const ref = node.credentials?.[slot];
      const slotSpec = options.definition.credentials?.find((c) => c.name === slot);
      if (!ref) {
        throw new GuixuError(
          'CREDENTIAL_MISSING',
          `Node "${node.name}" needs a "${slot}" credential but none is selected`,
          {
            node: node.name,
            description: 'Pick a credential for this node.',
          },
        );
      }
      if (!options.credentials) {
        throw new GuixuError(
          'CREDENTIALS_UNAVAILABLE',
          `No credential store is configured to load "${ref.name}"`,
          {
            node: node.name,
            audience: 'operator',
          },
        );
      }
      const data = await options.credentials.get({
        ref,
        type: slotSpec?.types?.[0] ?? slot,
        node: node.name,
        executionId: options.execution.id,
      });
      return data as T;
    },
    continueOnFail: () => onError !== 'stopWorkflow',
    log(level, message) {
      options.logs.push({ level, message, time: services.clock.now() });
    },
    now: () => services.clock.now(),
    state: {
      get: () => nodeState,
      set(value) {
        nodeState = value;
        options.onStateChange?.(value);
      },
    },
    subNodes: (type, itemIndex = 0) => supplySubNodes(options, type, itemIndex),
    workflowStaticData: staticData,
  };
}

/** Builds each connected sub-node's context (same inputs and run data as its root) and asks it for its data. */
async function supplySubNodes(
  options: NodeContextOptions,
  type: ConnectionType,
  itemIndex: number,
): Promise<SuppliedData[]> {
  const graph = graphOf(options.workflow);
  const supplied: SuppliedData[] = [];
  const seen = new Set<string>();
  const edges = [...graph.edgesTo(options.node.name, type)].sort((a, b) => a.inputIndex - b.inputIndex);
  for (const { from: name, inputIndex } of edges) {
    if (seen.has(name)) continue;
    seen.add(name);
    const node = graph.node(name);
    if (!node || node.disabled) continue;
    if (!options.registry) {
      throw new GuixuError(
        'SUB_NODES_UNAVAILABLE',
        `Node "${options.node.name}" cannot reach its sub-nodes here`,
        {
          node: options.node.name,
          audience: 'bug',
        },
      );
    }
    const definition = options.registry.get(node.type, node.typeVersion);
    if (!definition.supplyData) {
      throw new GuixuError('SUB_NODE_INVALID', `Node "${name}" cannot be connected as a sub-node (${type})`, {
        node: options.node.name,
        details: { subNode: name, type },
      });
    }
    const ctx = createNodeContext({
      ...options,
      definition,
      node,
      compiled: undefined,
      nodeState: undefined,
      onStateChange: undefined,
    });
    try {
      supplied.push({ node: name, inputIndex, data: await definition.supplyData(ctx, itemIndex) });
    } catch (error) {
      if (error instanceof GuixuError) error.node ??= name;
      throw error;
    }
  }
  return supplied;
}

function unreachable(): never {
  throw new Error('static parameters never evaluate expressions');
}

export { toPlainError };
