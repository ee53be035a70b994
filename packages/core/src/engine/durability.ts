import type { RunData } from '../run-data.ts';
import type { ResumeInput } from '../sdk/define-node.ts';
import type { Workflow } from '../workflow/schema.ts';
import { applyCheckpoint } from './checkpoint.ts';
import type { Engine } from './engine.ts';
import type { Checkpoint, RunState, StartOptions } from './types.ts';

export interface DurabilityCase {
  engine: Engine;
  workflow: Workflow;
  start: StartOptions;
  /** Inputs for each time the execution waits, in order. */
  resumes?: ResumeInput[];
}

export interface DurabilityResult {
  /** The uninterrupted run. */
  reference: RunState;
  checkpoints: Checkpoint[];
  /** One line per interruption point whose result differs from the reference. */
  mismatches: string[];
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

async function finish(
  c: DurabilityCase,
  state: RunState,
  resumed: number,
  sink?: Checkpoint[],
): Promise<RunState> {
  const onCheckpoint = sink ? (cp: Checkpoint) => void sink.push(clone(cp)) : undefined;
  await c.engine.run(c.workflow, state, { onCheckpoint });
  let next = resumed;
  while (state.status === 'waiting' && c.resumes && next < c.resumes.length) {
    await c.engine.resume(c.workflow, state, c.resumes[next], { onCheckpoint });
    next++;
  }
  return state;
}

/** What must survive an interruption: status, error and run data without timings. */
export function comparableRun(state: RunState): unknown {
  return clone({ status: state.status, error: stripStack(state.error), runData: stripTimes(state.runData) });
}

/**
 * Durable-execution property: for every k, stopping after k checkpoints, rebuilding
 * the state from the start state plus those checkpoints, JSON round-tripping it
 * and continuing gives the same result as the uninterrupted run.
 */
export async function checkDurability(c: DurabilityCase): Promise<DurabilityResult> {
  const start = c.engine.start(c.workflow, c.start);
  const startCopy = clone(start);
  const checkpoints: Checkpoint[] = [];
  const reference = await finish(c, start, 0, checkpoints);
  const expected = JSON.stringify(comparableRun(reference));
  const mismatches: string[] = [];
  for (let k = 0; k <= checkpoints.length; k++) {
    let state = clone(startCopy);
    let resumed = 0;
    for (const checkpoint of checkpoints.slice(0, k)) {
      applyCheckpoint(state, clone(checkpoint));
      if (checkpoint.suspended === null) resumed++;
    }
    state = clone(state);
    try {
      if (state.status === 'waiting' && c.resumes && resumed < c.resumes.length) {
        await c.engine.resume(c.workflow, state, c.resumes[resumed]);
        resumed++;
      }
      await finish(c, state, resumed);
      const actual = JSON.stringify(comparableRun(state));
      if (actual !== expected) mismatches.push(`k=${k}: ${firstDifference(expected, actual)}`);
    } catch (error) {
      mismatches.push(`k=${k}: threw ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { reference, checkpoints, mismatches };
}

function stripTimes(runData: RunData): RunData {
  const out: RunData = {};
  for (const [node, runs] of Object.entries(runData)) {
    out[node] = runs.map((run) => ({
      ...run,
      startTime: 0,
      executionTime: 0,
      ...(run.error ? { error: stripStack(run.error) } : {}),
      ...(run.logs ? { logs: run.logs.map((l) => ({ ...l, time: 0 })) } : {}),
    }));
  }
  return out;
}

function stripStack<T extends { stack?: string } | undefined>(error: T): T {
  if (!error) return error;
  const { stack: _stack, ...rest } = error;
  return rest as T;
}

function firstDifference(expected: string, actual: string): string {
  let i = 0;
  while (i < expected.length && expected[i] === actual[i]) i++;
  const from = Math.max(0, i - 60);
  return `expected …${expected.slice(from, i + 60)}… got …${actual.slice(from, i + 60)}…`;
}
