import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { GuixuError } from '../errors.ts';
import { systemClock } from '../ports.ts';
import { runWithLimits } from './limits.ts';

const never = () => new Promise<never>(() => {});

async function failure(run: () => Promise<unknown> | unknown): Promise<GuixuError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof GuixuError) return error;
    throw error;
  }
  throw new Error('expected a GuixuError');
}

describe('runWithLimits', () => {
  it('runs the work directly with a signal that never aborts when nothing can stop it', async () => {
    let seen: AbortSignal | undefined;
    const value = await runWithLimits(
      (signal) => {
        seen = signal;
        return 42;
      },
      { node: 'Set', clock: systemClock },
    );
    expect(value).toBe(42);
    expect(seen?.aborted).toBe(false);
  });

  it('hands a run signal to the node as is and removes its listener once the node is done', async () => {
    const run = new AbortController();
    let seen: AbortSignal | undefined;
    const value = await runWithLimits(
      async (signal) => {
        seen = signal;
        return 'done';
      },
      { node: 'Set', clock: systemClock, signal: run.signal },
    );
    expect(value).toBe('done');
    expect(seen).toBe(run.signal);
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it('passes a failing node’s error through and removes its listener', async () => {
    const run = new AbortController();
    const boom = new GuixuError('NODE_FAILED', 'boom', { node: 'Set' });
    await expect(
      runWithLimits(
        () => {
          throw boom;
        },
        { node: 'Set', clock: systemClock, signal: run.signal },
      ),
    ).rejects.toBe(boom);
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it('rejects at once with EXECUTION_CANCELED naming the node when the run is canceled, even if the node ignores it', async () => {
    const run = new AbortController();
    const pending = failure(() =>
      runWithLimits(never, { node: 'Stuck', clock: systemClock, signal: run.signal }),
    );
    run.abort(new GuixuError('INSTANCE_STOPPING', 'stopping'));
    const error = await pending;
    expect(error.code).toBe('EXECUTION_CANCELED');
    expect(error.node).toBe('Stuck');
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it('refuses to start a node when the run is already canceled', async () => {
    const run = new AbortController();
    run.abort();
    let started = false;
    const error = await failure(() =>
      runWithLimits(
        () => {
          started = true;
        },
        { node: 'Late', clock: systemClock, signal: run.signal },
      ),
    );
    expect(error.code).toBe('EXECUTION_CANCELED');
    expect(started).toBe(false);
  });

  it('fails a node that passes its own timeout with NODE_TIMEOUT and aborts its signal', async () => {
    let seen: AbortSignal | undefined;
    const error = await failure(() =>
      runWithLimits(
        (signal) => {
          seen = signal;
          return never();
        },
        { node: 'Slow', clock: systemClock, nodeTimeoutMs: 5 },
      ),
    );
    expect(error.code).toBe('NODE_TIMEOUT');
    expect(error.details).toEqual({ timeoutMs: 5 });
    expect(seen?.aborted).toBe(true);
  });

  it('fails with EXECUTION_TIMEOUT when the workflow deadline comes before the node timeout', async () => {
    const error = await failure(() =>
      runWithLimits(never, {
        node: 'Slow',
        clock: systemClock,
        nodeTimeoutMs: 10_000,
        executionRemainingMs: 5,
      }),
    );
    expect(error.code).toBe('EXECUTION_TIMEOUT');
    expect(error.node).toBe('Slow');
  });

  it('cancels a node that has a timeout through the run signal and stops its timer when it finishes', async () => {
    const run = new AbortController();
    const sleeps: AbortSignal[] = [];
    const clock = {
      now: () => Date.now(),
      sleep: (ms: number, signal?: AbortSignal) => {
        if (signal) sleeps.push(signal);
        return systemClock.sleep(ms, signal);
      },
    };
    const value = await runWithLimits(() => 'fast', {
      node: 'Quick',
      clock,
      signal: run.signal,
      nodeTimeoutMs: 60_000,
    });
    expect(value).toBe('fast');
    expect(sleeps[0]?.aborted).toBe(true);
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);

    const pending = failure(() =>
      runWithLimits(never, { node: 'Stuck', clock, signal: run.signal, nodeTimeoutMs: 60_000 }),
    );
    run.abort();
    const error = await pending;
    expect(error.code).toBe('EXECUTION_CANCELED');
    expect(sleeps[1]?.aborted).toBe(true);
  });
});
