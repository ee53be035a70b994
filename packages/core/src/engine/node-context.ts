import { toPlainError } from '../errors.ts';
import { createExpressionEnv, type ExpressionEnv } from '../expression/index.ts';
import type { Item, JsonValue } from '../items.ts';
import type { CredentialProvider } from '../ports.ts';
import type { NodeLogEntry, NodeRunSource, RunData } from '../run-data.ts';
import type { AnyNodeDefinition, ExecutionInfo, NodeRunContext, NodeServices } from '../sdk/define-node.ts';
import type { ParamShape } from '../sdk/params.ts';
import { CompiledParams, resolveDeep } from '../sdk/resolve.ts';
import { GuixuError } from '../errors.ts';
import type { Workflow, WorkflowNode } from '../workflow/schema.ts';

export interface NodeContextOptions {
  definition: AnyNodeDefinition;
  node: WorkflowNode;
  workflow: Workflow;
  inputs: Item[][];
  source: (NodeRunSource | null)[];
  runData: RunData;
  runIndex: number;
  execution: ExecutionInfo;
  signal: AbortSignal;
  services: NodeServices;
  credentials?: CredentialProvider;
  vars?: Record<string, string>;
  env?: Record<string, string>;
  /** Reused across runs of the same node (parameters don't change within a run). */
  compiled?: CompiledParams<ParamShape>;
  logs: NodeLogEntry[];
  /** The node's persisted state (see NodeRunContext.state); `set` writes back through `onStateChange`. */
  nodeState?: JsonValue;
  /** Every node's saved state, for `$node["Loop"].context` in expressions. */
  nodeStates?: Readonly<Record<string, JsonValue>>;
  onStateChange?: (value: JsonValue | undefined) => void;
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
      inputs: options.inputs,
      source: options.source,
      execution: options.execution,
      vars: options.vars,
      env: options.env,
      now: () => services.clock.now(),
      timezone: options.workflow.settings?.timezone,
      nodeContext: (name) => options.nodeStates?.[name],
    });
    return env;
  };
  const items = options.inputs[0] ?? [];
  const source = Object.freeze(options.source.map((s) => (s ? Object.freeze({ ...s }) : null)));
  const onError = node.onError ?? 'stopWorkflow';
  let nodeState = options.nodeState;
  return {
    node,
    workflow: options.workflow,
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
      return compiled.resolve((source, path) => e.evaluate(source, itemIndex, path));
    },
    evaluate(value, itemIndex, extra) {
      const e = expressions();
      return resolveDeep(value, '', (source, path) => e.evaluate(source, itemIndex, path, extra));
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
  };
}

function unreachable(): never {
  throw new Error('static parameters never evaluate expressions');
}

export { toPlainError };
