import { GuixuError } from '@guixu/core';

export interface LimiterOptions {
  /** Tasks running at once. */
  maxConcurrency: number;
  /** Tasks waiting for a slot; one more is refused. */
  maxPending: number;
  /** Suggested wait for a refused caller (becomes `Retry-After`). */
  retryAfterMs?: number;
}

/**
 * Per-instance back-pressure: at most `maxConcurrency` tasks run, at most
 * `maxPending` wait (FIFO); beyond that `run` fails at once with
 * `EXECUTION_QUEUE_FULL` (HTTP 429 with Retry-After), so memory stays bounded.
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: LimiterOptions) {}

  get running(): number {
    return this.active;
  }

  get pending(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.options.maxConcurrency) {
      if (this.waiting.length >= this.options.maxPending) {
        const retryAfterMs = this.options.retryAfterMs ?? 1000;
        throw new GuixuError(
          'EXECUTION_QUEUE_FULL',
          `Too many executions: ${this.active} running and ${this.waiting.length} waiting; try again later`,
          { retryable: true, retryAfterMs, details: { running: this.active, pending: this.waiting.length } },
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays the same.
      if (next) next();
      else this.active--;
    }
  }
}
