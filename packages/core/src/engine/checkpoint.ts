import { noteApplied } from './data-size.ts';
import type { Checkpoint, RunState } from './types.ts';

/**
 * Applies one checkpoint to a state (in place) and returns it. The engine itself
 * moves from state to state only through this function, so a store that keeps
 * the start state and every checkpoint rebuilds exactly what the engine had.
 */
export function applyCheckpoint(state: RunState, checkpoint: Checkpoint): RunState {
  if (checkpoint.seq !== state.seq + 1) {
    throw new Error(`Checkpoint ${checkpoint.seq} does not follow state at ${state.seq}`);
  }
  const previousSeq = state.seq;
  state.seq = checkpoint.seq;
  let replaced: RunState['runData'][string][number] | undefined;
  if (checkpoint.record) {
    const runs = state.runData[checkpoint.node] ?? [];
    replaced = runs[checkpoint.runIndex];
    runs[checkpoint.runIndex] = checkpoint.record;
    state.runData[checkpoint.node] = runs;
  }
  noteApplied(state, previousSeq, checkpoint.record, replaced);
  if (checkpoint.node && checkpoint.record) state.lastNodeExecuted = checkpoint.node;
  if (checkpoint.counted) state.nodeRunCount += 1;
  if (checkpoint.stackShift > 0 || checkpoint.stackPush.length > 0) {
    const rest = checkpoint.stackShift > 0 ? state.stack.slice(checkpoint.stackShift) : state.stack;
    state.stack = checkpoint.stackPush.length > 0 ? [...checkpoint.stackPush, ...rest] : rest;
  }
  if (checkpoint.waiting)
    state.waiting = checkpoint.waiting.map((w) => ({ node: w.node, source: [...w.source] }));
  if (checkpoint.nodeState) {
    if (checkpoint.nodeState.value === undefined) delete state.nodeState[checkpoint.node];
    else state.nodeState[checkpoint.node] = checkpoint.nodeState.value;
  }
  if (checkpoint.staticData) {
    state.staticData = checkpoint.staticData;
    state.staticDataChanged = true;
  }
  state.status = checkpoint.status;
  if (checkpoint.finishedAt !== undefined) state.finishedAt = checkpoint.finishedAt;
  if (checkpoint.error !== undefined) state.error = checkpoint.error;
  if (checkpoint.suspended === null) {
    delete state.suspended;
    delete state.waitTill;
  } else if (checkpoint.suspended) {
    state.suspended = checkpoint.suspended;
    state.waitTill = checkpoint.suspended.waitTill;
  }
  return state;
}

/**
 * The state after `checkpoints`, rebuilt from a copy of the start state (as a
 * store does after a restart). Edit the result before `run` to replay with
 * changed data.
 */
export function rebuildState(start: RunState, checkpoints: Iterable<Checkpoint>): RunState {
  const state: RunState = JSON.parse(JSON.stringify(start));
  for (const checkpoint of checkpoints) applyCheckpoint(state, checkpoint);
  return state;
}
