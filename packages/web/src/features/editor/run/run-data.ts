import type { ResponseOf, executionRoutes } from '@guixu/api';
import type { Item as EngineItem, JsonObject, NodeRunRecord, RunData } from '@guixu/core';
import type { NodeStatus } from '../canvas/canvas-model.ts';

export type ExecutionDetail = ResponseOf<typeof executionRoutes.get>;
export type ApiNodeRun = ExecutionDetail['runData'][string][number];
export type Item = ApiNodeRun['output'][number][number];

const RUN_STATUSES = ['success', 'error', 'canceled', 'waiting', 'disabled', 'pinned'] as const;
type RunStatus = NodeRunRecord['executionStatus'];
const isRunStatus = (s: string): s is RunStatus => (RUN_STATUSES as readonly string[]).includes(s);

/**
 * Items that arrived as JSON text (API answers, pinned data) hold JSON values
 * only; the engine's type says so, the parsed type cannot.
 */
export function toEngineItems(items: readonly { json: Record<string, unknown> }[]): EngineItem[] {
  return items.map((item) => ({ json: item.json as JsonObject }));
}

/** The API's run data (input and output per run) as the engine's RunData, for the expression interpreter. */
export function toEngineRunData(runData: ExecutionDetail['runData']): RunData {
  const out: RunData = {};
  for (const [node, runs] of Object.entries(runData)) {
    out[node] = runs.map((run) => ({
      startTime: run.startTime,
      executionTime: run.executionTime,
      executionStatus: isRunStatus(run.executionStatus) ? run.executionStatus : 'success',
      source: run.source.map((s) => (s === null ? null : { ...s })),
      data: { main: run.output.map(toEngineItems) },
      ...(run.error ? { error: { code: run.error.code, message: run.error.message } } : {}),
    }));
  }
  return out;
}

/** Canvas status per node from a finished (or stored) execution. */
export function statusFromRunData(runData: ExecutionDetail['runData']): Record<string, NodeStatus> {
  const out: Record<string, NodeStatus> = {};
  for (const [node, runs] of Object.entries(runData)) {
    const last = runs[runs.length - 1];
    if (!last) continue;
    const state =
      last.executionStatus === 'error' ? 'error' : last.executionStatus === 'pinned' ? 'pinned' : 'success';
    out[node] = {
      state,
      itemCounts: last.output.map((items) => items.length),
      ...(last.error ? { message: last.error.message } : {}),
    };
  }
  return out;
}

export function lastRun(
  runData: ExecutionDetail['runData'] | undefined,
  node: string,
): ApiNodeRun | undefined {
  const runs = runData?.[node];
  return runs?.[runs.length - 1];
}
