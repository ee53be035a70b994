import { describe, expect, it } from 'vitest';
import type { ApiNodeRun } from './run-data.ts';
import { checkpoints, replayPinData, runDataAt } from './time-travel.ts';

const run = (startTime: number, out: number, status = 'success'): ApiNodeRun => ({
  runIndex: 0,
  startTime,
  executionTime: 1,
  executionStatus: status,
  source: [],
  input: [],
  output: [[{ json: { out } }]],
});

const runData = {
  Start: [run(1, 0)],
  Loop: [run(2, 1), run(4, 2)],
  Body: [run(3, 10)],
  End: [run(5, 99, 'error')],
};

describe('time travel through an execution', () => {
  it('orders the node runs as they happened', () => {
    expect(checkpoints(runData).map((c) => `${c.node}#${c.runIndex}`)).toEqual([
      'Start#0',
      'Loop#0',
      'Body#0',
      'Loop#1',
      'End#0',
    ]);
  });

  it('shows the run data as it stood after a checkpoint', () => {
    const at3 = runDataAt(runData, 3);
    expect(Object.keys(at3)).toEqual(['Start', 'Loop', 'Body']);
    expect(at3.Loop).toHaveLength(1);
    expect(runDataAt(runData, 5).Loop).toHaveLength(2);
    expect(runDataAt(runData, 0)).toEqual({});
  });

  it('replays the outputs recorded before a checkpoint as pinned data', () => {
    expect(replayPinData(runData, 5)).toEqual({
      Start: [{ json: { out: 0 } }],
      Loop: [{ json: { out: 2 } }],
      Body: [{ json: { out: 10 } }],
    });
    expect(replayPinData(runData, 1)).toEqual({});
  });
});
