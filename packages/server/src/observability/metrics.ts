/**
 * A small Prometheus registry (text exposition format 0.0.4). Features add
 * their own metrics: `metrics.counter(...)`, `.gauge(...)`, `.histogram(...)`.
 */
export type Labels = Record<string, string | number>;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(names: readonly string[], values: readonly string[], extra = ''): string {
  const parts = names.map((n, i) => `${n}="${escapeLabel(values[i])}"`);
  if (extra) parts.push(extra);
  return parts.length ? `{${parts.join(',')}}` : '';
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return '+Inf';
  if (n === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(n);
}

abstract class Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    if (!NAME.test(name)) throw new Error(`Invalid metric name ${name}`);
  }
  protected key(labels: Labels | undefined): string[] {
    return this.labelNames.map((n) => String(labels?.[n] ?? ''));
  }
  abstract readonly type: 'counter' | 'gauge' | 'histogram';
  abstract samples(): string[];
  render(): string {
    const help = this.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
    return [`# HELP ${this.name} ${help}`, `# TYPE ${this.name} ${this.type}`, ...this.samples()].join('\n');
  }
}

export class Counter extends Metric {
  readonly type = 'counter';
  private readonly values = new Map<string, { labels: string[]; value: number }>();
  inc(labels?: Labels, by = 1): void {
    const values = this.key(labels);
    const k = values.join('\u0000');
    const entry = this.values.get(k);
    if (entry) entry.value += by;
    else this.values.set(k, { labels: values, value: by });
  }
  samples(): string[] {
    return [...this.values.values()].map(
      (e) => `${this.name}${labelText(this.labelNames, e.labels)} ${formatNumber(e.value)}`,
    );
  }
}

export class Gauge extends Metric {
  readonly type = 'gauge';
  private readonly values = new Map<string, { labels: string[]; value: number }>();
  /** Called before each scrape to refresh values (memory, queue sizes…). */
  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    private readonly collect?: (g: Gauge) => void,
  ) {
    super(name, help, labelNames);
  }
  set(labels: Labels | undefined, value: number): void {
    const values = this.key(labels);
    this.values.set(values.join('\u0000'), { labels: values, value });
  }
  inc(labels?: Labels, by = 1): void {
    const values = this.key(labels);
    const k = values.join('\u0000');
    const entry = this.values.get(k);
    if (entry) entry.value += by;
    else this.values.set(k, { labels: values, value: by });
  }
  dec(labels?: Labels, by = 1): void {
    this.inc(labels, -by);
  }
  samples(): string[] {
    this.collect?.(this);
    return [...this.values.values()].map(
      (e) => `${this.name}${labelText(this.labelNames, e.labels)} ${formatNumber(e.value)}`,
    );
  }
}

/** Seconds-oriented defaults, 1 ms to 10 s. */
export const DEFAULT_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export class Histogram extends Metric {
  readonly type = 'histogram';
  private readonly series = new Map<
    string,
    { labels: string[]; counts: number[]; sum: number; count: number }
  >();
  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly buckets: readonly number[] = DEFAULT_BUCKETS,
  ) {
    super(name, help, labelNames);
  }
  observe(labels: Labels | undefined, value: number): void {
    const values = this.key(labels);
    const k = values.join('\u0000');
    let entry = this.series.get(k);
    if (!entry) {
      entry = { labels: values, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(k, entry);
    }
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]) entry.counts[i]++;
    entry.sum += value;
    entry.count++;
  }
  samples(): string[] {
    const out: string[] = [];
    for (const e of this.series.values()) {
      this.buckets.forEach((le, i) => {
        out.push(`${this.name}_bucket${labelText(this.labelNames, e.labels, `le="${le}"`)} ${e.counts[i]}`);
      });
      out.push(`${this.name}_bucket${labelText(this.labelNames, e.labels, 'le="+Inf"')} ${e.count}`);
      out.push(`${this.name}_sum${labelText(this.labelNames, e.labels)} ${formatNumber(e.sum)}`);
      out.push(`${this.name}_count${labelText(this.labelNames, e.labels)} ${e.count}`);
    }
    return out;
  }
}

export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();

  private add<M extends Metric>(metric: M): M {
    if (this.metrics.has(metric.name)) throw new Error(`Metric ${metric.name} is registered twice`);
    this.metrics.set(metric.name, metric);
    return metric;
  }
  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.add(new Counter(name, help, labelNames));
  }
  gauge(name: string, help: string, labelNames: readonly string[] = [], collect?: (g: Gauge) => void): Gauge {
    return this.add(new Gauge(name, help, labelNames, collect));
  }
  histogram(
    name: string,
    help: string,
    labelNames: readonly string[] = [],
    buckets?: readonly number[],
  ): Histogram {
    return this.add(new Histogram(name, help, labelNames, buckets));
  }
  get(name: string): Metric | undefined {
    return this.metrics.get(name);
  }
  render(): string {
    return `${[...this.metrics.values()].map((m) => m.render()).join('\n')}\n`;
  }
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
