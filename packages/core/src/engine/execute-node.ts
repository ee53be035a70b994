import { GuixuError, type PlainError, toPlainError } from '../errors.ts';
import type { Item, JsonObject, JsonValue } from '../items.ts';
import type { NodeLogEntry, NodeRunRecord } from '../run-data.ts';
import {
  type AnyNodeDefinition,
  type ExecutionInfo,
  isSuspend,
  type NodeResult,
  type NodeRunContext,
  outputsOf,
  portsOf,
  type SuspendRequest,
} from '../sdk/define-node.ts';
import type { Workflow, WorkflowNode } from '../workflow/schema.ts';
import { failedOutputs, routeErrorItems } from './error-output.ts';
import { checkNodeOutput } from './data-limits.ts';
import { linkPassedThroughItems } from './pass-through.ts';
import { runWithLimits } from './limits.ts';
import { StaticDataAccess } from './static-data.ts';
import { compileNodeParams, createNodeContext } from './node-context.ts';
import type { EngineOptions, RunState, StackEntry } from './types.ts';

export type Invoke = (
  definition: AnyNodeDefinition,
  ctx: NodeRunContext<Record<string, unknown>>,
) => Promise<NodeResult> | NodeResult;

export interface ExecuteNodeOptions {
  engine: EngineOptions;
  workflow: Workflow;
  state: RunState;
  node: WorkflowNode;
  definition: AnyNodeDefinition;
  entry: StackEntry;
  inputs: Item[][];
  runIndex: number;
  execution: ExecutionInfo;
  signal?: AbortSignal;
  executionDeadline?: number;
  invoke: Invoke;
}

export interface NodeOutcome {
  record: NodeRunRecord;
  /** Outputs to send along connections (absent when the node failed or suspended). */
  outputs?: Item[][];
  suspend?: SuspendRequest['suspend'];
  /** Set when the node changed its state (`value` undefined = cleared). */
  nodeState?: { value: JsonValue | undefined };
  /** The workflow's whole static data, when the node changed it. */
  staticData?: JsonObject;
  /** Stops the execution (stopWorkflow error, timeout of the whole run, cancel). */
  fatal?: { status: 'error' | 'canceled'; error: PlainError };
}

const RUN_STOPPERS = new Set(['EXECUTION_CANCELED', 'EXECUTION_TIMEOUT', 'EXECUTION_CPU_LIMIT']);

/** Runs one node: retries, timeouts, cancellation, onError, alwaysOutputData, executeOnce. */
export async function executeNode(options: ExecuteNodeOptions): Promise<NodeOutcome> {
  const { engine, node, definition } = options;
  const clock = engine.services.clock;
  const startTime = clock.now();
  const inputs = node.executeOnce ? options.inputs.map((list) => list.slice(0, 1)) : options.inputs;
  const logs: NodeLogEntry[] = [];
  let stateChange: { value: JsonValue | undefined } | undefined;
  let nodeState: JsonValue | undefined = options.state.nodeState[node.name];
  const maxTries = node.retryOnFail ? (node.maxTries ?? 3) : 1;
  let wait = node.waitBetweenTries ?? 1000;
  let tries = 0;
  let result: NodeResult | undefined;
  let failure: unknown;
  let compiled: ReturnType<typeof compileNodeParams> | undefined;
  let staticData: StaticDataAccess | undefined;
  try {
    compiled = compileNodeParams(definition, node);
  } catch (error) {
    // A static parameter that does not fit the schema: no try can succeed.
    failure = error;
  }

  while (compiled && tries < maxTries) {
    tries++;
    failure = undefined;
    try {
      result = await runWithLimits(
        (signal) => {
          // A fresh view per try: a failed try's changes are dropped.
          staticData = new StaticDataAccess(options.state.staticData, node.name);
          const ctx = createNodeContext({
            definition,
            node,
            workflow: options.workflow,
            inputs,
            // executeOnce: the node runs on the first item, but $input in expressions sees them all (n8n).
            expressionInputs: options.inputs,
            source: options.entry.source,
            runData: options.state.runData,
            runIndex: options.runIndex,
            execution: options.execution,
            signal,
            services: engine.services,
            userLogic: engine.userLogic,
            credentials: engine.credentials,
            registry: engine.registry,
            vars: engine.vars,
            env: engine.env,
            timezone: engine.timezone,
            compiled,
            logs,
            nodeState,
            nodeStates: options.state.nodeState,
            staticData,
            onStateChange: (value) => {
              nodeState = value;
              stateChange = { value };
            },
          });
          const meter = engine.userLogic;
          if (!meter) return options.invoke(definition, ctx);
          // The synchronous part of the node's run counts as this execution's user logic.
          meter.enter(options.execution.id);
          try {
            return options.invoke(definition, ctx);
          } finally {
            meter.leave(options.execution.id);
          }
        },
        {
          node: node.name,
          clock,
          signal: options.signal,
          nodeTimeoutMs: node.timeout,
          executionRemainingMs:
            options.executionDeadline === undefined ? undefined : options.executionDeadline - clock.now(),
        },
      );
      break;
    } catch (error) {
      failure = error;
      if (error instanceof GuixuError && RUN_STOPPERS.has(error.code)) break;
      if (tries < maxTries) {
        try {
          await clock.sleep(wait, options.signal);
        } catch {
          break;
        }
        if (node.retryBackoff === 'exponential') wait *= 2;
      }
    }
  }

  const record: NodeRunRecord = {
    startTime,
    executionTime: clock.now() - startTime,
    executionStatus: 'success',
    source: options.entry.source,
  };
  if (logs.length > 0) record.logs = logs;
  if (node.retryOnFail) record.tries = tries;
  const outcome: NodeOutcome = { record };
  if (stateChange) outcome.nodeState = stateChange;
  if (failure === undefined && result !== undefined) {
    try {
      const changed = staticData?.changed();
      if (changed) outcome.staticData = changed;
    } catch (error) {
      failure = new GuixuError(
        'STATIC_DATA_INVALID',
        `The workflow static data cannot be stored: ${String(error)}`,
        {
          node: node.name,
          description:
            'Keep only JSON values (text, numbers, booleans, null, lists and objects) in $getWorkflowStaticData().',
        },
      );
    }
  }

  if (failure !== undefined || result === undefined) {
    return failed(outcome, failure, options, inputs);
  }
  if (isSuspend(result)) {
    record.executionStatus = 'waiting';
    outcome.suspend = result.suspend;
    return outcome;
  }
  let outputs = linkPassedThroughItems(outputsOf(result), inputs);
  if (!Array.isArray(result) && result.hints?.length) record.hints = result.hints;
  if (node.onError === 'continueErrorOutput') {
    outputs = routeErrorItems(outputs, inputs, mainOutputCount(definition, node));
  }
  if (node.alwaysOutputData && (outputs[0]?.length ?? 0) === 0) {
    outputs = [[{ json: {} }], ...outputs.slice(1)];
  }
  const tooLarge = checkNodeOutput(outputs, node.name, engine.dataLimits);
  if (tooLarge) return failed(outcome, tooLarge, options, inputs);
  if (engine.freezeItems) deepFreeze(outputs);
  record.data = { main: outputs };
  outcome.outputs = outputs;
  return outcome;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

function failed(
  outcome: NodeOutcome,
  failure: unknown,
  options: ExecuteNodeOptions,
  inputs: Item[][],
): NodeOutcome {
  const { node, definition } = options;
  const error = nodeError(failure, node.name);
  const record = outcome.record;
  record.error = error;
  if (RUN_STOPPERS.has(error.code)) {
    record.executionStatus = error.code === 'EXECUTION_CANCELED' ? 'canceled' : 'error';
    outcome.fatal = { status: error.code === 'EXECUTION_CANCELED' ? 'canceled' : 'error', error };
    return outcome;
  }
  const onError = node.onError ?? 'stopWorkflow';
  if (onError === 'stopWorkflow') {
    record.executionStatus = 'error';
    outcome.fatal = { status: 'error', error };
    return outcome;
  }
  const outputs = failedOutputs({
    onError,
    error,
    input: inputs[0] ?? [],
    mainOutputs: onError === 'continueErrorOutput' ? mainOutputCount(definition, node) : 1,
  });
  record.data = { main: outputs };
  outcome.outputs = outputs;
  return outcome;
}

/** A plain error with the node set; unknown throws become NODE_OPERATION_FAILED. */
export function nodeError(failure: unknown, node: string): PlainError {
  const plain = toPlainError(failure ?? new Error('The node returned no result'), 'NODE_OPERATION_FAILED');
  plain.node ??= node;
  return plain;
}

/** Main outputs the node declares (the error output comes after them). */
export function mainOutputCount(definition: AnyNodeDefinition, node: WorkflowNode): number {
  try {
    return Math.max(
      1,
      portsOf(definition, 'outputs', node.parameters ?? {}).filter((p) => p.type === 'main').length,
    );
  } catch {
    return 1;
  }
}
