import type { PlainError, UserLogicMeter } from '@guixu/core';
import { cpuLimitError } from './limit-errors.ts';
import { type MeterView, nowMs } from './meter.ts';

/**
 * Meters each execution's user logic on this worker into the shared meter: the
 * engine calls `enter`/`leave` around expression evaluation and the
 * synchronous part of node runs. Only one stretch runs at a time on a thread,
 * so its wall time is the CPU time it took (more only when the OS preempts the
 * thread, which errs on the strict side).
 */
export class WorkerMeter implements UserLogicMeter {
  private readonly slots = new Map<string, number>();
  private depth = 0;
  private running = -1;

  constructor(
    private readonly view: MeterView,
    private readonly budgetMs: number,
  ) {
    setInterval(() => this.view.beat(nowMs()), 100).unref();
  }

  track(executionId: string, slot: number): void {
    this.slots.set(executionId, slot);
  }

  untrack(executionId: string): void {
    this.slots.delete(executionId);
  }

  enter(executionId: string): void {
    const slot = this.slots.get(executionId);
    if (slot === undefined) return;
    if (this.budgetMs > 0 && this.view.used(slot) > this.budgetMs) throw cpuLimitError(this.budgetMs);
    if (this.depth++ === 0) {
      this.running = slot;
      this.view.begin(slot, nowMs());
    }
  }

  leave(executionId: string): void {
    if (!this.slots.has(executionId) || this.depth === 0) return;
    if (--this.depth === 0) {
      this.view.end(this.running, nowMs());
      this.running = -1;
    }
  }

  exceeded(executionId: string): PlainError | undefined {
    const slot = this.slots.get(executionId);
    if (slot === undefined || this.budgetMs <= 0 || this.view.used(slot) <= this.budgetMs) return undefined;
    return cpuLimitError(this.budgetMs).toPlain();
  }
}
