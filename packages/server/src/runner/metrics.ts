import type { MetricsRegistry } from '../observability/metrics.ts';
import type { ExecutionQueue } from './execution-queue.ts';

/** What the runner reports as it goes; kept to counters and observations (no I/O). */
export interface RunnerMetrics {
  executionEnded(status: string, mode: string): void;
  nodeFinished(nodeType: string, status: string, seconds: number): void;
}

const NODE_BUCKETS = [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120] as const;

/**
 * Prometheus metrics of executions: ended by status and mode, node durations
 * by node type, running and pending gauges read from the queue, and waiting
 * executions (counted by the wait scan, `setWaiting`).
 */
export function registerRunnerMetrics(
  metrics: MetricsRegistry,
  queue: () => ExecutionQueue,
): RunnerMetrics & { setWaiting(count: number): void } {
  const ended = metrics.counter(
    'guixu_executions_total',
    'Executions that ended or suspended, by status and mode',
    ['status', 'mode'],
  );
  const nodeDuration = metrics.histogram(
    'guixu_node_duration_seconds',
    'Time a node run took, by node type and status',
    ['type', 'status'],
    NODE_BUCKETS,
  );
  metrics.gauge('guixu_executions_running', 'Executions running in this instance', [], (g) =>
    g.set(queue().running),
  );
  metrics.gauge('guixu_executions_pending', 'Executions queued for a slot in this instance', [], (g) =>
    g.set(queue().pending),
  );
  let waiting = 0;
  metrics.gauge('guixu_executions_waiting', 'Executions suspended until a time or a call', [], (g) =>
    g.set(waiting),
  );
  return {
    executionEnded: (status, mode) => ended.inc({ status, mode }),
    nodeFinished: (type, status, seconds) => nodeDuration.observe({ type, status }, seconds),
    setWaiting(count) {
      waiting = count;
    },
  };
}
