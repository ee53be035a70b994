import { GuixuError } from '../errors.ts';
import type { NodeRunRecord } from '../run-data.ts';
import type { RunState } from './types.ts';

/** Defaults for `EngineOptions.dataLimits`: 16 MB per node output, 64 MB of run data per execution. */
export const DEFAULT_NODE_OUTPUT_BYTES = 16 * 1024 * 1024;
export const DEFAULT_EXECUTION_DATA_BYTES = 64 * 1024 * 1024;

/**
 * The size of a value as JSON, in UTF-16 code units (what `JSON.stringify(value).length`
 * gives, give or take escapes), without building the string. Stops counting past
 * `limit`: a limit check never walks more than the limit's worth of data.
 */
export function jsonSize(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && size <= limit) {
    const v = stack.pop();
    if (typeof v === 'string') size += v.length + 2;
    else if (typeof v === 'number' || typeof v === 'bigint') size += 8;
    else if (typeof v === 'boolean') size += 5;
    else if (v === null || v === undefined) size += 4;
    else if (Array.isArray(v)) {
      size += 1 + v.length;
      for (const child of v) stack.push(child);
    } else if (typeof v === 'object') {
      size += 2;
      for (const key of Object.keys(v)) {
        size += key.length + 4;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return size;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

export function nodeOutputTooLarge(node: string, limit: number): GuixuError {
  return new GuixuError('NODE_OUTPUT_TOO_LARGE', `Node "${node}" produced more than ${mb(limit)} of data`, {
    node,
    details: { limitBytes: limit },
    description:
      'Keep large payloads in binary data (files), split the work into smaller batches, or ask the operator to raise GUIXU_NODE_OUTPUT_MAX_MB.',
  });
}

export function executionDataTooLarge(node: string, limit: number): GuixuError {
  return new GuixuError(
    'EXECUTION_DATA_TOO_LARGE',
    `The execution stopped at node "${node}": its data grew past ${mb(limit)}`,
    {
      node,
      details: { limitBytes: limit },
      description:
        'Process fewer items per execution (e.g. start a sub-workflow per batch), or ask the operator to raise GUIXU_EXECUTION_DATA_MAX_MB.',
    },
  );
}

const recordSizes = new WeakMap<NodeRunRecord, number>();
const stateSizes = new WeakMap<RunState, { seq: number; bytes: number }>();

/** Size of one run record's output data (cached: a record never changes once recorded). */
export function recordDataSize(record: NodeRunRecord): number {
  let size = recordSizes.get(record);
  if (size === undefined) {
    size = record.data ? jsonSize(record.data) : 0;
    recordSizes.set(record, size);
  }
  return size;
}

/**
 * Output data held by an execution so far. Counted once per state (after a
 * restart, from the rebuilt run data) and then kept up to date per checkpoint.
 */
export function executionDataSize(state: RunState): number {
  const known = stateSizes.get(state);
  if (known && known.seq === state.seq) return known.bytes;
  let bytes = 0;
  for (const runs of Object.values(state.runData)) {
    for (const record of runs) if (record) bytes += recordDataSize(record);
  }
  stateSizes.set(state, { seq: state.seq, bytes });
  return bytes;
}

/** Keeps the running total true as a checkpoint is applied (`previousSeq`: the state's seq before it). */
export function noteApplied(
  state: RunState,
  previousSeq: number,
  record: NodeRunRecord | undefined,
  replaced: NodeRunRecord | undefined,
): void {
  const known = stateSizes.get(state);
  if (!known || known.seq !== previousSeq) return;
  if (record) known.bytes += recordDataSize(record) - (replaced ? recordDataSize(replaced) : 0);
  known.seq = state.seq;
}
