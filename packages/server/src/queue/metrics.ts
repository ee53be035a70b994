import type { Queue } from 'bullmq';
import type { MetricsRegistry } from '../observability/metrics.ts';
import type { ProcessRole } from './settings.ts';

const LATENCY_BUCKETS = [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120] as const;

/**
 * Queue mode's Prometheus metrics: queue depth by job state (read on each
 * heartbeat, so a scrape costs no Redis round trip), job wait and run time,
 * worker utilisation, and whether this main leads.
 */
export function registerQueueMetrics(metrics: MetricsRegistry, options: { queue: Queue; role: ProcessRole }) {
  const counts = new Map<string, number>();
  metrics.gauge('guixu_queue_jobs', 'Jobs in the execution queue, by state', ['state'], (gauge) => {
    for (const [state, value] of counts) gauge.set({ state }, value);
  });
  const waited = metrics.histogram(
    'guixu_queue_job_wait_seconds',
    'Time from queueing to a worker taking the job',
    [],
    LATENCY_BUCKETS,
  );
  const ran = metrics.histogram(
    'guixu_queue_job_run_seconds',
    'Time a worker spent on a job, by outcome',
    ['status'],
    LATENCY_BUCKETS,
  );
  let readUtilisation: () => number = () => 0;
  metrics.gauge(
    'guixu_worker_utilisation',
    'Share of this worker’s slots running executions (0-1)',
    [],
    (g) => g.set(readUtilisation()),
  );
  const leader = metrics.gauge('guixu_leader', '1 when this main is the elected leader');
  leader.set(0);
  return {
    jobDone(waitedMs: number, ranMs: number, status: string): void {
      waited.observe(Math.max(0, waitedMs) / 1000);
      ran.observe({ status }, ranMs / 1000);
    },
    utilisation(read: () => number): void {
      readUtilisation = read;
    },
    setLeader(leading: boolean): void {
      leader.set(leading ? 1 : 0);
    },
    async refresh(): Promise<void> {
      if (options.role === 'webhook') return;
      const now = await options.queue.getJobCounts('wait', 'prioritized', 'active', 'delayed', 'failed');
      for (const [state, value] of Object.entries(now)) counts.set(state, value);
    },
  };
}
