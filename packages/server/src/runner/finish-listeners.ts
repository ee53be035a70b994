import type { FinishedExecution } from './runner-types.ts';

/** Who hears of every execution that ended or suspended (error workflows, tests). */
export class FinishListeners {
  private readonly listeners = new Set<(finished: FinishedExecution) => void>();

  add(listener: (finished: FinishedExecution) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls each listener; one that throws does not stop the others. */
  notify(finished: FinishedExecution, onError: (error: unknown) => void): void {
    for (const listener of this.listeners) {
      try {
        listener(finished);
      } catch (error) {
        onError(error);
      }
    }
  }
}
