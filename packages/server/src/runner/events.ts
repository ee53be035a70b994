import type { RunnerEvent } from './types.ts';

export type RunnerListener = (event: RunnerEvent) => void;

/** Fan-out of execution events (push, metrics); a failing listener never disturbs a run. */
export class RunnerEvents {
  private readonly listeners = new Set<RunnerListener>();

  /** Returns the unsubscribe function. */
  subscribe(listener: RunnerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lets the runner skip building event data nobody reads. */
  get observed(): boolean {
    return this.listeners.size > 0;
  }

  emit(event: RunnerEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not fail the execution that emitted the event.
      }
    }
  }
}
