import type { RunState } from '@guixu/core';
import type { ActiveExecution } from './runner-types.ts';

/** The executions this runner holds (queued or running), by id. */
export class ActiveRuns extends Map<string, ActiveExecution> {
  /** Starts tracking an execution; its `finished` settles with `resolve`. */
  track(base: Omit<ActiveExecution, 'abort' | 'started' | 'resolve' | 'finished'>): ActiveExecution {
    let resolve: (state: RunState) => void = () => {};
    const finished = new Promise<RunState>((r) => {
      resolve = r;
    });
    const active: ActiveExecution = {
      ...base,
      abort: new AbortController(),
      started: false,
      resolve,
      finished,
    };
    this.set(base.id, active);
    return active;
  }

  /** Waits until nothing runs, or `timeoutMs` passed; returns the ids still here. */
  async drain(timeoutMs: number): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.size > 0 && Date.now() < deadline) {
      const running = [...this.values()].filter((a) => a.started).map((a) => a.finished);
      if (running.length === 0) break;
      let timer: NodeJS.Timeout | undefined;
      const wait = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
      });
      await Promise.race([Promise.race(running), wait]);
      clearTimeout(timer);
    }
    return [...this.keys()];
  }
}
