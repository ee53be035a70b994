import { defineRoute } from '../contract.ts';
import { healthSchema, readinessSchema } from '../system.ts';

const tags = ['System'] as const;

export const systemRoutes = {
  health: defineRoute({
    method: 'GET',
    path: '/healthz',
    operationId: 'health',
    summary: 'Liveness: the process answers',
    tags,
    response: healthSchema,
  }),
  ready: defineRoute({
    method: 'GET',
    path: '/readyz',
    operationId: 'readiness',
    summary: 'Readiness: database reachable and migrations done (503 otherwise)',
    description:
      'With the S3 binary store, `checks.binaryStorage` says whether the bucket answers; in queue mode, `checks.queue` says whether Redis is connected. Either `unreachable` makes the answer 503 `not_ready`.',
    tags,
    response: readinessSchema,
    errors: [503],
  }),
  metrics: defineRoute({
    method: 'GET',
    path: '/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics (text exposition format)',
    tags,
    produces: 'text/plain; version=0.0.4; charset=utf-8',
  }),
} as const;
