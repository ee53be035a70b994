import type { ExecutionDetail } from './run-data.ts';

export interface Checkpoint {
  node: string;
  runIndex: number;
  startTime: number;
}

/** Every node run of an execution in the order it ran: the checkpoints time travel steps through. */
export function checkpoints(runData: ExecutionDetail['runData']): Checkpoint[] {
  const out: Checkpoint[] = [];
  for (const [node, runs] of Object.entries(runData)) {
    runs.forEach((run, runIndex) => {
      out.push({ node, runIndex, startTime: run.startTime });
    });
  }
  return out.sort((a, b) => a.startTime - b.startTime || a.runIndex - b.runIndex);
}

/** The run data as it stood after checkpoint `step` (1 = after the first node run). */
export function runDataAt(runData: ExecutionDetail['runData'], step: number): ExecutionDetail['runData'] {
  const kept = new Set(
    checkpoints(runData)
      .slice(0, step)
      .map((c) => `${c.node}\u0000${c.runIndex}`),
  );
  const out: ExecutionDetail['runData'] = {};
  for (const [node, runs] of Object.entries(runData)) {
    const visible = runs.filter((_, i) => kept.has(`${node}\u0000${i}`));
    if (visible.length > 0) out[node] = visible;
  }
  return out;
}

/**
 * Pinned data that replays the recorded outputs of every node that finished
 * before `step`, so a new run starts for real at the node of that checkpoint.
 */
export function replayPinData(
  runData: ExecutionDetail['runData'],
  step: number,
): Record<string, { json: Record<string, unknown> }[]> {
  const before = runDataAt(runData, step - 1);
  const pins: Record<string, { json: Record<string, unknown> }[]> = {};
  for (const [node, runs] of Object.entries(before)) {
    const last = runs[runs.length - 1];
    if (last && last.executionStatus !== 'error')
      pins[node] = (last.output[0] ?? []).map((item) => ({ json: item.json }));
  }
  return pins;
}
