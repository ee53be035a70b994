import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MetricsRegistry } from './metrics.ts';

/** Event-loop lag, memory and CPU of this process. Returns a function that stops the lag monitor. */
export function registerProcessMetrics(metrics: MetricsRegistry): () => void {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const startSeconds = Math.round(Date.now() / 1000 - process.uptime());

  // Lag is measured between scrapes: read, then reset.
  metrics.gauge(
    'nodejs_eventloop_lag_seconds',
    'Event-loop delay since the last scrape',
    ['quantile'],
    (g) => {
      const s = (ns: number) => (Number.isFinite(ns) ? ns / 1e9 : 0);
      g.set({ quantile: '0.5' }, s(lag.percentile(50)));
      g.set({ quantile: '0.99' }, s(lag.percentile(99)));
      g.set({ quantile: '1' }, s(lag.max));
      lag.reset();
    },
  );
  metrics.gauge('process_resident_memory_bytes', 'Resident memory size in bytes', [], (g) =>
    g.set(undefined, process.memoryUsage.rss()),
  );
  metrics.gauge('nodejs_heap_size_used_bytes', 'V8 heap used in bytes', [], (g) =>
    g.set(undefined, process.memoryUsage().heapUsed),
  );
  metrics.gauge('nodejs_heap_size_total_bytes', 'V8 heap size in bytes', [], (g) =>
    g.set(undefined, process.memoryUsage().heapTotal),
  );
  metrics.gauge('nodejs_external_memory_bytes', 'Memory of C++ objects bound to JS objects', [], (g) =>
    g.set(undefined, process.memoryUsage().external),
  );
  metrics.gauge('process_cpu_seconds_total', 'User and system CPU time spent in seconds', [], (g) => {
    const cpu = process.cpuUsage();
    g.set(undefined, (cpu.user + cpu.system) / 1e6);
  });
  metrics.gauge(
    'process_start_time_seconds',
    'Start time of the process since the epoch in seconds',
    [],
    (g) => g.set(undefined, startSeconds),
  );
  metrics.gauge('nodejs_version_info', 'Node.js version', ['version'], (g) =>
    g.set({ version: process.version }, 1),
  );
  return () => lag.disable();
}
