import type { PlainError } from '../errors.ts';
import type { NodeRunRecord } from '../run-data.ts';
import type { Workflow } from '../workflow/schema.ts';
import type { NodeOutcome } from './execute-node.ts';
import { propagate } from './scheduler.ts';
import type { Checkpoint, EngineEvent, RunState, StackEntry, WaitingEntry } from './types.ts';

/** Pure functions from (state, what happened) to the checkpoint that records it. */

export interface SettleOptions {
  workflow: Workflow;
  state: RunState;
  node: string;
  runIndex: number;
  entry: StackEntry;
  stackShift: number;
  waiting?: WaitingEntry[];
  outcome: NodeOutcome;
  counted: boolean;
}

const allowedSets = new WeakMap<string[], ReadonlySet<string>>();

function allowedSet(list: string[] | undefined): ReadonlySet<string> | undefined {
  if (!list) return undefined;
  let set = allowedSets.get(list);
  if (!set) {
    set = new Set(list);
    allowedSets.set(list, set);
  }
  return set;
}

/** Ends the execution without running a node (finished, canceled, or stopped before a node). */
export function stopCheckpoint(
  state: RunState,
  status: 'success' | 'error' | 'canceled',
  finishedAt: string,
  extra: Partial<Checkpoint> = {},
): Checkpoint {
  return {
    seq: state.seq + 1,
    node: '',
    runIndex: 0,
    stackShift: 0,
    stackPush: [],
    counted: false,
    ...extra,
    status,
    finishedAt,
  };
}

/** Cancels an unfinished execution (a waiting one is released from its wait). */
export function cancelCheckpoint(state: RunState, finishedAt: string): Checkpoint {
  return stopCheckpoint(state, 'canceled', finishedAt, state.suspended ? { suspended: null } : {});
}

/** Ends an unfinished execution as failed from outside the engine (its host stopped it). */
export function failCheckpoint(state: RunState, error: PlainError, finishedAt: string): Checkpoint {
  return stopCheckpoint(state, 'error', finishedAt, {
    error,
    ...(state.suspended ? { suspended: null } : {}),
  });
}

/** A stack entry whose node got no items and does not always run: drop it. */
export function skipCheckpoint(
  state: RunState,
  stackShift: number,
  waiting: WaitingEntry[] | undefined,
  finishedAt: string,
): Checkpoint {
  const checkpoint: Checkpoint = {
    seq: state.seq + 1,
    node: '',
    runIndex: 0,
    stackShift,
    stackPush: [],
    counted: false,
    status: 'running',
  };
  if (waiting) checkpoint.waiting = waiting;
  if (state.stack.length - stackShift === 0 && (waiting ?? state.waiting).length === 0) {
    checkpoint.status = 'success';
    checkpoint.finishedAt = finishedAt;
  }
  return checkpoint;
}

/** Turns a node's outcome into the checkpoint that records it and schedules what follows. */
export function settleCheckpoint(
  s: SettleOptions,
  finishedAt: string,
  alwaysRun: (node: string) => boolean,
): Checkpoint {
  const { state, outcome } = s;
  const checkpoint: Checkpoint = {
    seq: state.seq + 1,
    node: s.node,
    runIndex: s.runIndex,
    record: outcome.record,
    stackShift: s.stackShift,
    stackPush: [],
    counted: s.counted,
    status: 'running',
  };
  if (s.waiting) checkpoint.waiting = s.waiting;
  if (outcome.nodeState) {
    checkpoint.nodeState = outcome.nodeState.value === undefined ? {} : { value: outcome.nodeState.value };
  }
  if (outcome.staticData) checkpoint.staticData = outcome.staticData;
  if (outcome.fatal) {
    checkpoint.status = outcome.fatal.status;
    if (outcome.fatal.status === 'error') checkpoint.error = outcome.fatal.error;
    checkpoint.finishedAt = finishedAt;
    return checkpoint;
  }
  if (outcome.suspend) {
    checkpoint.status = 'waiting';
    checkpoint.suspended = {
      node: s.node,
      runIndex: s.runIndex,
      entry: s.entry,
      waitTill: outcome.suspend.until ?? null,
      resumeOn: [...outcome.suspend.resumeOn],
      ...(outcome.suspend.data ? { data: outcome.suspend.data } : {}),
    };
    return checkpoint;
  }
  const waitingBefore = s.waiting ?? state.waiting;
  let waitingAfter = waitingBefore;
  if (outcome.outputs && state.runOnly !== s.node && state.destination !== s.node) {
    const next = propagate({
      workflow: s.workflow,
      node: s.node,
      runIndex: s.runIndex,
      outputs: outcome.outputs,
      waiting: waitingBefore,
      alwaysRun,
      allowed: allowedSet(state.allowedNodes),
    });
    checkpoint.stackPush = next.push;
    if (next.waiting) {
      checkpoint.waiting = next.waiting;
      waitingAfter = next.waiting;
    }
  }
  const stackLeft = state.stack.length - s.stackShift + checkpoint.stackPush.length;
  if (state.runOnly === s.node || (stackLeft === 0 && waitingAfter.length === 0)) {
    checkpoint.status = 'success';
    checkpoint.finishedAt = finishedAt;
  }
  return checkpoint;
}

/** Progress events for a checkpoint that was just applied to `state`. */
export function emitEvents(
  state: RunState,
  checkpoint: Checkpoint,
  emit: (event: EngineEvent) => void,
): void {
  const record: NodeRunRecord | undefined = checkpoint.record;
  if (record && record.executionStatus !== 'waiting') {
    emit({
      type: 'nodeFinished',
      executionId: state.executionId,
      node: checkpoint.node,
      runIndex: checkpoint.runIndex,
      status: record.executionStatus,
      itemCounts: record.data?.main.map((list) => list.length) ?? [],
      ...(record.error ? { error: record.error } : {}),
    });
  }
  if (checkpoint.status === 'waiting' && state.suspended) {
    emit({
      type: 'executionWaiting',
      executionId: state.executionId,
      node: state.suspended.node,
      waitTill: state.suspended.waitTill,
    });
  } else if (checkpoint.finishedAt !== undefined) {
    emit({
      type: 'executionFinished',
      executionId: state.executionId,
      status: checkpoint.status,
      ...(checkpoint.error ? { error: checkpoint.error } : {}),
    });
  }
}
