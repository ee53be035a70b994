import { GuixuError, type PlainError } from '../errors.ts';
import { linkPassedThroughItems } from './pass-through.ts';
import type { Item } from '../items.ts';
import type { AnyNodeDefinition, ExecutionInfo, ResumeInput } from '../sdk/define-node.ts';
import { graphOf } from '../workflow/graph.ts';
import type { Workflow, WorkflowNode } from '../workflow/schema.ts';
import { applyCheckpoint } from './checkpoint.ts';
import { capExecutionData } from './data-limits.ts';
import { executeNode, type Invoke, type NodeOutcome, nodeError } from './execute-node.ts';
import { executionTimeoutError } from './limits.ts';
import { itemsAt } from './run-data-helpers.ts';
import { pinnedItems, startState } from './start.ts';
import {
  emitEvents,
  type SettleOptions,
  settleCheckpoint,
  skipCheckpoint,
  stopCheckpoint,
  cancelCheckpoint,
} from './transitions.ts';
import type {
  Checkpoint,
  EngineOptions,
  RunOptions,
  RunState,
  StackEntry,
  StartOptions,
  StepContext,
  WaitingEntry,
} from './types.ts';

export interface Engine {
  readonly options: EngineOptions;
  /** The initial state of an execution (plain JSON). */
  start(workflow: Workflow, options: StartOptions): RunState;
  /** Runs exactly one node run; updates `state` in place and returns it. */
  step(workflow: Workflow, state: RunState, ctx?: StepContext): Promise<RunState>;
  /** Steps until the execution succeeds, fails, is canceled or waits. */
  run(workflow: Workflow, state: RunState, options?: RunOptions): Promise<RunState>;
  /** Continues a `waiting` execution: finishes the suspended node, then runs on. */
  resume(workflow: Workflow, state: RunState, input: ResumeInput, options?: RunOptions): Promise<RunState>;
  /** Cancels an unfinished execution (a waiting one, typically) through a checkpoint. */
  cancel(state: RunState, ctx?: StepContext): Promise<RunState>;
}

// A cap for runaway loops, not for real ones: looping over 2,500 rows through a 3-node body is 10,000 runs.
const DEFAULT_MAX_NODE_RUNS = 100_000;
const runInvoke: Invoke = (definition, ctx) => definition.run(ctx);

export function createEngine(options: EngineOptions): Engine {
  const clock = options.services.clock;
  const definitions = new WeakMap<WorkflowNode, AnyNodeDefinition>();

  const definitionOf = (node: WorkflowNode): AnyNodeDefinition => {
    let definition = definitions.get(node);
    if (!definition) {
      definition = options.registry.get(node.type, node.typeVersion);
      definitions.set(node, definition);
    }
    return definition;
  };
  const alwaysRun = (workflow: Workflow) => (name: string) => {
    const node = graphOf(workflow).node(name);
    return node !== undefined && options.registry.find(node.type, node.typeVersion)?.alwaysRun === true;
  };

  const execution = (state: RunState): ExecutionInfo => {
    const info: ExecutionInfo = { id: state.executionId, mode: state.mode };
    if (state.parentExecutionId) info.parentExecutionId = state.parentExecutionId;
    if (options.resumeUrl) info.resumeUrl = options.resumeUrl(state.executionId);
    return info;
  };

  const deadline = (workflow: Workflow, state: RunState, ctx: StepContext): number | undefined => {
    const seconds = workflow.settings?.executionTimeout;
    if (seconds === undefined || seconds <= 0) return undefined;
    return (ctx.activeSince ?? Date.parse(state.startedAt)) + seconds * 1000;
  };

  const now = () => new Date(clock.now()).toISOString();
  const stop = (state: RunState, status: 'success' | 'error' | 'canceled', extra: Partial<Checkpoint> = {}) =>
    stopCheckpoint(state, status, now(), extra);
  const settle = (s: SettleOptions): Checkpoint => settleCheckpoint(s, now(), alwaysRun(s.workflow));
  const commit = async (state: RunState, ctx: StepContext, checkpoint: Checkpoint): Promise<RunState> => {
    applyCheckpoint(state, checkpoint);
    await ctx.onCheckpoint?.(checkpoint);
    if (ctx.onEvent) emitEvents(state, checkpoint, ctx.onEvent);
    return state;
  };

  const resolveInputs = (state: RunState, entry: StackEntry): Item[][] => {
    const inputs = entry.source.map((source, i) =>
      source ? itemsAt(state.runData, source) : (entry.items?.[i] ?? []),
    );
    return inputs.length > 0 ? inputs : [[]];
  };

  /** Runs (or replays, pins, passes through) the node of a stack entry. */
  const outcomeOf = async (
    workflow: Workflow,
    state: RunState,
    node: WorkflowNode,
    entry: StackEntry,
    runIndex: number,
    ctx: StepContext,
  ): Promise<NodeOutcome | undefined> => {
    const inputs = resolveInputs(state, entry);
    const now = clock.now();
    const started = () =>
      ctx.onEvent?.({ type: 'nodeStarted', executionId: state.executionId, node: node.name, runIndex });
    const simple = (status: 'disabled' | 'pinned', items: Item[]): NodeOutcome => {
      started();
      return {
        record: {
          startTime: now,
          executionTime: 0,
          executionStatus: status,
          source: entry.source,
          data: { main: [items] },
        },
        outputs: [items],
      };
    };
    if (node.disabled) return simple('disabled', linkPassedThroughItems([inputs[0] ?? []], inputs)[0]);
    const pinned = pinnedItems(workflow, state, node.name);
    if (pinned) return simple('pinned', pinned);
    const replayed = state.replay?.runData[node.name]?.[runIndex];
    if (replayed?.data && replayed.executionStatus !== 'error' && !state.replay?.rerun.includes(node.name)) {
      started();
      return { record: replayed, outputs: replayed.data.main };
    }
    let definition: AnyNodeDefinition;
    try {
      definition = definitionOf(node);
    } catch (error) {
      const plain = nodeError(error, node.name);
      return {
        record: {
          startTime: now,
          executionTime: 0,
          executionStatus: 'error',
          source: entry.source,
          error: plain,
        },
        fatal: { status: 'error', error: plain },
      };
    }
    const fromOutside = entry.source.every((s) => s === null);
    if (!fromOutside && !definition.alwaysRun && inputs.every((list) => list.length === 0)) return undefined;
    started();
    return executeNode({
      engine: options,
      workflow,
      state,
      node,
      definition,
      entry,
      inputs,
      runIndex,
      execution: execution(state),
      signal: ctx.signal,
      executionDeadline: deadline(workflow, state, ctx),
      invoke: runInvoke,
    });
  };

  const step = async (workflow: Workflow, state: RunState, ctx: StepContext = {}): Promise<RunState> => {
    if (state.status !== 'new' && state.status !== 'running') return state;
    if (ctx.signal?.aborted) return commit(state, ctx, stop(state, 'canceled'));
    let entry: StackEntry;
    let stackShift = 0;
    let waiting: WaitingEntry[] | undefined;
    if (state.stack.length > 0) {
      entry = state.stack[0];
      stackShift = 1;
    } else if (state.waiting.length > 0) {
      // Nothing else can run: a multi-input node runs with the inputs it has.
      const [first, ...rest] = state.waiting;
      const inputCount = Math.max(
        first.source.length,
        ...graphOf(workflow)
          .connectedInputs(first.node)
          .map((i) => i + 1),
      );
      entry = {
        node: first.node,
        source: Array.from({ length: inputCount }, (_, i) => first.source[i] ?? null),
      };
      waiting = rest;
    } else {
      return commit(state, ctx, stop(state, 'success'));
    }
    const name = entry.node;
    const runIndex = state.runData[name]?.length ?? 0;
    const fail = (error: PlainError) =>
      commit(state, ctx, stop(state, 'error', { error, stackShift, ...(waiting ? { waiting } : {}) }));
    const node = graphOf(workflow).node(name);
    if (!node) {
      return fail({ code: 'NODE_NOT_FOUND', message: `Node "${name}" is not in the workflow`, node: name });
    }
    const maxRuns = workflow.settings?.maxNodeRuns ?? options.maxNodeRuns ?? DEFAULT_MAX_NODE_RUNS;
    if (state.nodeRunCount >= maxRuns) {
      return fail(
        new GuixuError(
          'LOOP_LIMIT',
          `The execution stopped at node "${name}" after ${maxRuns} node runs; the workflow probably loops without end`,
          {
            node: name,
            details: { maxNodeRuns: maxRuns },
            description: 'Check the loop condition, or raise "maxNodeRuns" in the workflow settings.',
          },
        ).toPlain(),
      );
    }
    const end = deadline(workflow, state, ctx);
    if (end !== undefined && clock.now() >= end) {
      return fail(executionTimeoutError(name).toPlain());
    }
    const overBudget = options.userLogic?.exceeded(state.executionId);
    if (overBudget) return fail({ ...overBudget, node: name });
    let checkpoint: Checkpoint;
    try {
      const outcome = await outcomeOf(workflow, state, node, entry, runIndex, ctx);
      if (outcome) capExecutionData(state, outcome, name, options.dataLimits);
      checkpoint = outcome
        ? settle({
            workflow,
            state,
            node: name,
            runIndex,
            entry,
            stackShift,
            waiting,
            outcome,
            counted: true,
          })
        : skipCheckpoint(state, stackShift, waiting, now());
    } catch (error) {
      // A bug in the engine or a port, never a node's own error: stop cleanly.
      return fail(nodeError(error, name));
    }
    // Outside the try: a store that cannot persist the checkpoint is the host's error, not the run's.
    return commit(state, ctx, checkpoint);
  };

  const run = async (workflow: Workflow, state: RunState, runOptions: RunOptions = {}): Promise<RunState> => {
    let steps = 0;
    while (state.status === 'new' || state.status === 'running') {
      if (runOptions.maxSteps !== undefined && steps >= runOptions.maxSteps) break;
      await step(workflow, state, runOptions);
      steps++;
    }
    return state;
  };

  const resume = async (
    workflow: Workflow,
    state: RunState,
    input: ResumeInput,
    resumeOptions: RunOptions = {},
  ): Promise<RunState> => {
    const runOptions: RunOptions = {
      ...resumeOptions,
      activeSince: resumeOptions.activeSince ?? clock.now(),
    };
    const suspended = state.suspended;
    if (state.status !== 'waiting' || !suspended) {
      throw new GuixuError(
        'EXECUTION_NOT_WAITING',
        `Execution ${state.executionId} is not waiting (status ${state.status})`,
        {
          details: { executionId: state.executionId, status: state.status },
        },
      );
    }
    const node = graphOf(workflow).node(suspended.node);
    if (!node) {
      throw new GuixuError('NODE_NOT_FOUND', `Node "${suspended.node}" is not in the workflow any more`, {
        node: suspended.node,
      });
    }
    const definition = definitionOf(node);
    const resumeInput: ResumeInput = { ...input, data: input.data ?? suspended.data };
    const invoke: Invoke = (def, ctx) => (def.resume ? def.resume(ctx, resumeInput) : [ctx.items]);
    runOptions.onEvent?.({
      type: 'nodeStarted',
      executionId: state.executionId,
      node: node.name,
      runIndex: suspended.runIndex,
    });
    const outcome = await executeNode({
      engine: options,
      workflow,
      state,
      node,
      definition,
      entry: suspended.entry,
      inputs: resolveInputs(state, suspended.entry),
      runIndex: suspended.runIndex,
      execution: execution(state),
      signal: runOptions.signal,
      executionDeadline: deadline(workflow, state, runOptions),
      invoke,
    });
    capExecutionData(state, outcome, node.name, options.dataLimits);
    const checkpoint = settle({
      workflow,
      state,
      node: node.name,
      runIndex: suspended.runIndex,
      entry: suspended.entry,
      stackShift: 0,
      outcome,
      counted: false,
    });
    if (!checkpoint.suspended) checkpoint.suspended = null;
    await commit(state, runOptions, checkpoint);
    return run(workflow, state, runOptions);
  };

  const cancel = async (state: RunState, ctx: StepContext = {}): Promise<RunState> => {
    if (state.status !== 'new' && state.status !== 'running' && state.status !== 'waiting') return state;
    return commit(state, ctx, cancelCheckpoint(state, now()));
  };

  return {
    options,
    cancel,
    start: (workflow, startOptions) => startState(workflow, startOptions, options.registry, clock.now()),
    step,
    run,
    resume,
  };
}
