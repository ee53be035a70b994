import { GuixuError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './concurrency-limiter.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('ConcurrencyLimiter', () => {
  it('runs at most N at once, queues FIFO and refuses beyond the queue', async () => {
    const limiter = new ConcurrencyLimiter({ maxConcurrency: 2, maxPending: 2, retryAfterMs: 2500 });
    const gates = Array.from({ length: 4 }, deferred);
    const order: number[] = [];
    const runs = gates.map((gate, i) =>
      limiter.run(async () => {
        order.push(i);
        await gate.promise;
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([0, 1]);
    expect([limiter.running, limiter.pending]).toEqual([2, 2]);

    const refused = await limiter.run(async () => 99).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GuixuError);
    expect(refused).toMatchObject({ code: 'EXECUTION_QUEUE_FULL', retryAfterMs: 2500, retryable: true });

    gates[1].resolve();
    await runs[1];
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([0, 1, 2]);
    gates[0].resolve();
    gates[2].resolve();
    gates[3].resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect([limiter.running, limiter.pending]).toEqual([0, 0]);
  });

  it('frees the slot when a task fails', async () => {
    const limiter = new ConcurrencyLimiter({ maxConcurrency: 1, maxPending: 0 });
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(async () => 'ok')).toBe('ok');
  });
});
