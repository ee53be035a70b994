import { cancelCheckpoint, type RunState } from '@guixu/core';
import type { ExecutionStore } from './execution-store.ts';

/**
 * Cancels a waiting execution in the database: the engine's cancel checkpoint
 * records it, so the rebuilt state says `canceled` too. Returns the state as it
 * was while waiting; null when it stopped waiting in the meantime (resumed or
 * canceled by someone else).
 */
export async function cancelWaitingExecution(
  store: ExecutionStore,
  executionId: string,
): Promise<RunState | null> {
  const state = await store.loadState(executionId);
  const finishedAt = new Date().toISOString();
  const checkpoint = cancelCheckpoint(state, finishedAt);
  const canceled = await store.cancelWaiting(
    executionId,
    { seq: checkpoint.seq, payload: JSON.stringify(checkpoint) },
    finishedAt,
    Date.parse(finishedAt) - Date.parse(state.startedAt),
  );
  return canceled ? state : null;
}
