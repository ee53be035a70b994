import { collectDefaultMetrics } from 'prom-client';
import type { MetricsRegistry } from './metrics.ts';

/**
 * prom-client's standard process and Node.js metrics: `process_cpu_seconds_total`
 * (a counter), resident memory, heap, handles, GC durations, and event-loop lag
 * as gauges (`nodejs_eventloop_lag_seconds`, `_p50_`, `_p99_`, `_max_`), measured
 * since the previous scrape. Returns a function that unregisters them.
 */
export function registerProcessMetrics(metrics: MetricsRegistry): () => void {
  collectDefaultMetrics({ register: metrics.registry, eventLoopMonitoringPrecision: 10 });
  return () => metrics.registry.clear();
}
