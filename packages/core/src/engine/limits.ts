import { GuixuError } from '../errors.ts';
import type { Clock } from '../ports.ts';

const neverAborted = new AbortController().signal;

export interface LimitOptions {
  node: string;
  clock: Clock;
  /** The run's cancel signal. */
  signal?: AbortSignal;
  /** Per-node timeout (ms). */
  nodeTimeoutMs?: number;
  /** Time left before the execution timeout (ms). */
  executionRemainingMs?: number;
}

export function canceledError(node: string): GuixuError {
  return new GuixuError('EXECUTION_CANCELED', 'The execution was canceled', { node });
}

export function executionTimeoutError(node: string | undefined): GuixuError {
  return new GuixuError('EXECUTION_TIMEOUT', 'The execution took longer than the workflow timeout', {
    node,
    description: 'Raise "Timeout Workflow" in the workflow settings, or make the workflow faster.',
  });
}

/**
 * Runs `work` with the node's abort signal, rejecting at once (even if the node
 * ignores its signal) when the run is canceled or a timeout passes. This runs
 * for every node run, so it allocates only what a limit needs: no limit runs
 * the work directly; a run signal alone is handed to the node as is (one
 * listener, no controller); only a timeout pays for a controller and a timer.
 */
export function runWithLimits<T>(
  work: (signal: AbortSignal) => Promise<T> | T,
  options: LimitOptions,
): Promise<T> | T {
  const timeout = pickTimeout(options);
  const runSignal = options.signal;
  if (!timeout && !runSignal) return work(neverAborted);
  if (runSignal?.aborted) throw canceledError(options.node);
  if (!timeout && runSignal) return runCancelable(work, runSignal, options.node);
  return runWithTimeout(work, options, timeout);
}

function runCancelable<T>(
  work: (signal: AbortSignal) => Promise<T> | T,
  runSignal: AbortSignal,
  node: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onCancel = () => reject(canceledError(node));
    const release = () => runSignal.removeEventListener('abort', onCancel);
    runSignal.addEventListener('abort', onCancel, { once: true });
    try {
      Promise.resolve(work(runSignal)).then(
        (value) => {
          release();
          resolve(value);
        },
        (error: unknown) => {
          release();
          reject(error);
        },
      );
    } catch (error) {
      release();
      reject(error);
    }
  });
}

async function runWithTimeout<T>(
  work: (signal: AbortSignal) => Promise<T> | T,
  options: LimitOptions,
  timeout: { ms: number; error: () => GuixuError } | undefined,
): Promise<T> {
  const controller = new AbortController();
  const timer = new AbortController();
  let onCancel: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  stopped.catch(() => {});
  if (options.signal) {
    onCancel = () => controller.abort(canceledError(options.node));
    options.signal.addEventListener('abort', onCancel, { once: true });
  }
  if (timeout) {
    options.clock.sleep(timeout.ms, timer.signal).then(
      () => controller.abort(timeout.error()),
      () => {},
    );
  }
  try {
    return await Promise.race([Promise.resolve().then(() => work(controller.signal)), stopped]);
  } finally {
    // A reason of our own: abort() without one builds a DOMException (with a stack) per call.
    timer.abort(STOP_TIMER);
    if (onCancel) options.signal?.removeEventListener('abort', onCancel);
  }
}

const STOP_TIMER = 'node finished';

function pickTimeout(options: LimitOptions): { ms: number; error: () => GuixuError } | undefined {
  const node = options.nodeTimeoutMs;
  const exec = options.executionRemainingMs;
  if (node === undefined && exec === undefined) return undefined;
  if (exec !== undefined && (node === undefined || exec <= node)) {
    return { ms: Math.max(0, exec), error: () => executionTimeoutError(options.node) };
  }
  const ms = node ?? 0;
  return {
    ms,
    error: () =>
      new GuixuError('NODE_TIMEOUT', `Node "${options.node}" took longer than its timeout of ${ms} ms`, {
        node: options.node,
        details: { timeoutMs: ms },
        description: 'Raise the node timeout in its settings, or make the call faster.',
      }),
  };
}
