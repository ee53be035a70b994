import type { Item } from '../items.ts';
import type { NodeRunSource, RunData } from '../run-data.ts';
import type { RunState } from './types.ts';

/** Items a source points at: output `previousNodeOutput` of run `previousNodeRun` of `previousNode`. */
export function itemsAt(runData: RunData, source: NodeRunSource): Item[] {
  const run = runData[source.previousNode]?.[source.previousNodeRun ?? 0];
  return run?.data?.main[source.previousNodeOutput ?? 0] ?? [];
}

/** A node run's input items per input index, rebuilt from its `source` (for the UI). */
export function inputsOf(data: RunState | RunData, node: string, runIndex: number): Item[][] {
  const runData = isRunState(data) ? data.runData : data;
  const record = runData[node]?.[runIndex];
  if (!record) return [];
  return record.source.map((source) => (source ? itemsAt(runData, source) : []));
}

/** The execution's result, n8n-like: output 0 of the last node that ran. */
export function finalItems(state: RunState): Item[] {
  const last = state.lastNodeExecuted;
  if (!last) return [];
  const runs = state.runData[last] ?? [];
  return runs[runs.length - 1]?.data?.main[0] ?? [];
}

function isRunState(value: RunState | RunData): value is RunState {
  return (
    typeof value.version === 'number' &&
    'runData' in value &&
    typeof value.runData === 'object' &&
    !Array.isArray(value.runData)
  );
}
