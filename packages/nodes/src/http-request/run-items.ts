import type { Clock } from '@guixu/core';

/** How items are spread over time: n8n's "Batching" option. */
export interface Batching {
  size: number;
  intervalMs: number;
}

// Without batching n8n starts every request at once; a cap keeps thousands of items from opening thousands of sockets.
const MAX_PARALLEL = 16;

export interface RunItemsOptions {
  count: number;
  batching?: Batching;
  clock: Clock;
  signal: AbortSignal;
  /** Stop starting new items after the first failure. */
  stopOnFailure: boolean;
  onFailure?: (itemIndex: number) => void;
}

export interface RunItemsResult<T> {
  /** Per item; `undefined` for items never started because the run stopped. */
  results: (PromiseSettledResult<T> | undefined)[];
  /** The item that failed first in time. */
  firstFailure?: number;
}

/**
 * Runs `task` for items 0..count-1: in batches of `size` with `intervalMs`
 * between batch starts, or with bounded parallelism. Results keep item order.
 */
export async function runItems<T>(
  options: RunItemsOptions,
  task: (itemIndex: number) => Promise<T>,
): Promise<RunItemsResult<T>> {
  const results: (PromiseSettledResult<T> | undefined)[] = new Array(options.count).fill(undefined);
  let firstFailure: number | undefined;
  const runOne = async (index: number) => {
    try {
      results[index] = { status: 'fulfilled', value: await task(index) };
    } catch (reason) {
      results[index] = { status: 'rejected', reason };
      if (firstFailure === undefined) {
        firstFailure = index;
        options.onFailure?.(index);
      }
    }
  };
  const stopped = () => options.signal.aborted || (options.stopOnFailure && firstFailure !== undefined);
  if (options.batching) {
    const size = Math.max(1, options.batching.size);
    for (let start = 0; start < options.count; start += size) {
      if (stopped()) break;
      if (start > 0 && options.batching.intervalMs > 0) {
        await options.clock.sleep(options.batching.intervalMs, options.signal);
      }
      const batch: Promise<void>[] = [];
      for (let i = start; i < Math.min(options.count, start + size); i++) batch.push(runOne(i));
      await Promise.all(batch);
    }
    return { results, firstFailure };
  }
  let next = 0;
  const worker = async () => {
    while (next < options.count && !stopped()) await runOne(next++);
  };
  await Promise.all(Array.from({ length: Math.min(MAX_PARALLEL, options.count) }, worker));
  return { results, firstFailure };
}
