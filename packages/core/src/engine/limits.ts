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
 * ignores its signal) when the run is canceled or a timeout passes. Without any
 * limit the work runs directly, so plain runs pay nothing for this.
 */
export async function runWithLimits<T>(
  work: (signal: AbortSignal) => Promise<T> | T,
  options: LimitOptions,
): Promise<T> {
  const timeout = pickTimeout(options);
  if (!timeout && !options.signal) return work(neverAborted);
  if (options.signal?.aborted) throw canceledError(options.node);

  const controller = new AbortController();
  const timer = new AbortController();
  let onCancel: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  stopped.catch(() => {});
  if (options.signal) {
    const runSignal = options.signal;
    onCancel = () => controller.abort(canceledError(options.node));
    runSignal.addEventListener('abort', onCancel, { once: true });
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
    timer.abort();
    if (onCancel) options.signal?.removeEventListener('abort', onCancel);
  }
}

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
