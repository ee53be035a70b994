import type { FastifyInstance } from 'fastify';
import type { MetricsRegistry } from './metrics.ts';

const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Requests by route pattern (never the raw URL, to bound label cardinality), method and status. */
export function installHttpMetrics(app: FastifyInstance, metrics: MetricsRegistry): void {
  const total = metrics.counter('http_requests_total', 'HTTP requests answered', [
    'method',
    'route',
    'status',
  ]);
  const duration = metrics.histogram(
    'http_request_duration_seconds',
    'Time to answer an HTTP request',
    ['method', 'route', 'status'],
    HTTP_BUCKETS,
  );
  app.addHook('onResponse', (request, reply, done) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
    };
    total.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}
