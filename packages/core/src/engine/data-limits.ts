import type { Item } from '../items.ts';
import {
  DEFAULT_EXECUTION_DATA_BYTES,
  DEFAULT_NODE_OUTPUT_BYTES,
  executionDataSize,
  executionDataTooLarge,
  jsonSize,
  nodeOutputTooLarge,
  recordDataSize,
} from './data-size.ts';
import type { NodeOutcome } from './execute-node.ts';
import type { GuixuError } from '../errors.ts';
import type { DataLimits, RunState } from './types.ts';

const limitOf = (value: number | undefined, fallback: number) =>
  value === undefined || value <= 0 ? fallback : value;

/** `NODE_OUTPUT_TOO_LARGE` when a node's outputs are larger than the limit allows. */
export function checkNodeOutput(
  outputs: Item[][],
  node: string,
  limits: DataLimits | undefined,
): GuixuError | undefined {
  const limit = limitOf(limits?.nodeOutputBytes, DEFAULT_NODE_OUTPUT_BYTES);
  if (limit === Number.POSITIVE_INFINITY) return undefined;
  return jsonSize(outputs, limit) > limit ? nodeOutputTooLarge(node, limit) : undefined;
}

/**
 * Stops the execution at this node (`EXECUTION_DATA_TOO_LARGE`, recorded on the
 * node's run without its data) when its outputs would take the execution's
 * run data past the limit.
 */
export function capExecutionData(
  state: RunState,
  outcome: NodeOutcome,
  node: string,
  limits: DataLimits | undefined,
): void {
  const limit = limitOf(limits?.executionDataBytes, DEFAULT_EXECUTION_DATA_BYTES);
  if (limit === Number.POSITIVE_INFINITY || !outcome.record.data) return;
  if (executionDataSize(state) + recordDataSize(outcome.record) <= limit) return;
  const error = executionDataTooLarge(node, limit).toPlain();
  const record = { ...outcome.record, executionStatus: 'error' as const, error };
  delete record.data;
  outcome.record = record;
  delete outcome.outputs;
  outcome.fatal = { status: 'error', error };
}
