/**
 * The instance's Prometheus registry, on prom-client (text exposition format 0.0.4).
 * Each app owns its registry (tests run several apps in one process); features add
 * their own metrics with `metrics.counter(...)`, `.gauge(...)`, `.histogram(...)`.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds-oriented defaults, 1 ms to 10 s. */
export const DEFAULT_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export class MetricsRegistry {
  readonly registry = new Registry();

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** `collect` runs before each scrape to refresh the value (memory, queue sizes…). */
  gauge(name: string, help: string, labelNames: readonly string[] = [], collect?: (g: Gauge) => void): Gauge {
    return new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      ...(collect
        ? {
            collect(this: Gauge) {
              collect(this);
            },
          }
        : {}),
    });
  }

  histogram(
    name: string,
    help: string,
    labelNames: readonly string[] = [],
    buckets: readonly number[] = DEFAULT_BUCKETS,
  ): Histogram {
    return new Histogram({ name, help, labelNames, buckets: [...buckets], registers: [this.registry] });
  }

  /** The exposition text of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}

export { Counter, Gauge, Histogram };
