import type { Checkpoint } from '@guixu/core';
import type { ExecutionStore } from './execution-store.ts';

/**
 * Cancels a waiting execution in the database: a last checkpoint records the
 * cancel, so the rebuilt state says `canceled` too. False when it stopped
 * waiting in the meantime (resumed or canceled by someone else).
 */
export async function cancelWaitingExecution(store: ExecutionStore, executionId: string): Promise<boolean> {
  const state = await store.loadState(executionId);
  const finishedAt = new Date().toISOString();
  const checkpoint: Checkpoint = {
    seq: state.seq + 1,
    node: '',
    runIndex: 0,
    stackShift: 0,
    stackPush: [],
    counted: false,
    status: 'canceled',
    finishedAt,
    suspended: null,
  };
  return store.cancelWaiting(
    executionId,
    { seq: checkpoint.seq, payload: JSON.stringify(checkpoint) },
    finishedAt,
    Date.parse(finishedAt) - Date.parse(state.startedAt),
  );
}
