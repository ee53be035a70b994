import { GuixuError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import { ExecutionQueue } from './execution-queue.ts';

/** A job that runs until the test releases it. */
function gate(log: string[], name: string, key?: string, limit?: number) {
  let release: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    release,
    job: {
      ...(key === undefined ? {} : { workflowKey: key, limit }),
      run: async () => {
        log.push(`start ${name}`);
        await done;
        log.push(`end ${name}`);
      },
    },
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('execution queue', () => {
  it('runs up to the instance limit, queues up to the pending bound, refuses beyond', async () => {
    const log: string[] = [];
    const queue = new ExecutionQueue({ maxConcurrency: 2, maxPending: 1, retryAfterMs: 3000 });
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => gate(log, n));
    expect(queue.submit(a.job)).toBe('started');
    expect(queue.submit(b.job)).toBe('started');
    expect(queue.submit(c.job)).toBe('queued');
    let refused: unknown;
    try {
      queue.submit(d.job);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(GuixuError);
    expect(refused).toMatchObject({ code: 'EXECUTION_QUEUE_FULL', retryAfterMs: 3000, retryable: true });
    expect([queue.running, queue.pending]).toEqual([2, 1]);
    a.release();
    await tick();
    expect(log).toEqual(['start a', 'start b', 'end a', 'start c']);
    b.release();
    c.release();
    await tick();
    expect([queue.running, queue.pending]).toEqual([0, 0]);
  });

  it('keeps a workflow to its own limit while others pass it', async () => {
    const log: string[] = [];
    const queue = new ExecutionQueue({ maxConcurrency: 4, maxPending: 10 });
    const w1 = gate(log, 'w1', 'w', 1);
    const w2 = gate(log, 'w2', 'w', 1);
    const other = gate(log, 'other', 'x', 1);
    expect(queue.submit(w1.job)).toBe('started');
    expect(queue.submit(w2.job)).toBe('queued');
    expect(queue.submit(other.job)).toBe('started');
    w1.release();
    await tick();
    expect(log).toEqual(['start w1', 'start other', 'end w1', 'start w2']);
    w2.release();
    other.release();
  });

  it('takes a queued job out before it starts', () => {
    const log: string[] = [];
    const queue = new ExecutionQueue({ maxConcurrency: 1, maxPending: 5 });
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    queue.submit(a.job);
    queue.submit(b.job);
    expect(queue.remove(b.job)).toBe(true);
    expect(queue.remove(b.job)).toBe(false);
    expect(queue.pending).toBe(0);
    a.release();
  });
});
