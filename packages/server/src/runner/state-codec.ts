import { applyCheckpoint, type Checkpoint, GuixuError, type RunState } from '@guixu/core';
import { START_KIND } from './recorder.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const STATUSES = new Set(['new', 'running', 'waiting', 'success', 'error', 'canceled']);

/** A stored start state: checked on the fields the engine relies on. */
export function isRunState(value: unknown): value is RunState {
  return (
    isObject(value) &&
    value.version === 1 &&
    typeof value.executionId === 'string' &&
    typeof value.status === 'string' &&
    STATUSES.has(value.status) &&
    typeof value.startedAt === 'string' &&
    isObject(value.runData) &&
    Array.isArray(value.stack) &&
    Array.isArray(value.waiting) &&
    isObject(value.nodeState) &&
    typeof value.seq === 'number' &&
    typeof value.nodeRunCount === 'number'
  );
}

/** A stored step checkpoint. */
export function isCheckpoint(value: unknown): value is Checkpoint {
  return (
    isObject(value) &&
    typeof value.seq === 'number' &&
    typeof value.node === 'string' &&
    typeof value.runIndex === 'number' &&
    typeof value.stackShift === 'number' &&
    Array.isArray(value.stackPush) &&
    typeof value.counted === 'boolean' &&
    typeof value.status === 'string' &&
    STATUSES.has(value.status)
  );
}

export interface StoredCheckpoint {
  seq: number;
  kind: string;
  payload: string;
}

function corrupt(executionId: string, what: string): GuixuError {
  return new GuixuError(
    'EXECUTION_DATA_CORRUPT',
    `Stored data of execution ${executionId} is unreadable: ${what}`,
    {
      audience: 'operator',
      details: { executionId },
    },
  );
}

/**
 * Rebuilds an execution's state from its start state and every checkpoint, in
 * `seq` order, exactly as the engine built it (`applyCheckpoint`).
 */
export function rebuildState(executionId: string, checkpoints: readonly StoredCheckpoint[]): RunState {
  const sorted = [...checkpoints].sort((a, b) => a.seq - b.seq);
  const first = sorted[0];
  if (!first || first.kind !== START_KIND) throw corrupt(executionId, 'no start state');
  const start: unknown = JSON.parse(first.payload);
  if (!isRunState(start)) throw corrupt(executionId, 'start state has an unexpected shape');
  for (const stored of sorted.slice(1)) {
    const checkpoint: unknown = JSON.parse(stored.payload);
    if (!isCheckpoint(checkpoint))
      throw corrupt(executionId, `checkpoint ${stored.seq} has an unexpected shape`);
    applyCheckpoint(start, checkpoint);
  }
  return start;
}
