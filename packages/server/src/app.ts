import { randomBytes } from 'node:crypto';
import type { NodeRegistry } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import type { ServerConfig } from './config.ts';
import { fastifyTrustProxy } from './config/values.ts';
import { type Feature, type ServerContext, Services } from './context.ts';
import type { Database } from './db/dialect.ts';
import { discoverFeatures, sortFeatures } from './features/index.ts';
import { startsIn } from './queue/worker-features.ts';
import { installErrorHandling, sendError } from './http/error-handler.ts';
import { installJsonParser } from './http/json-body.ts';
import { installRequestLog } from './http/request-log.ts';
import { ContractRegistry } from './http/route.ts';
import { Lifecycle } from './lifecycle.ts';
import { createLogger } from './logger.ts';
import { installHttpMetrics } from './observability/http-metrics.ts';
import { MetricsRegistry } from './observability/metrics.ts';
import { registerProcessMetrics } from './observability/process-metrics.ts';
import { ReadinessChecks } from './readiness.ts';
import { type AccessControlOptions, installAccessControl } from './security/access-control.ts';
import { installCookies } from './security/cookies.ts';
import { installHardening } from './security/hardening.ts';
import { installRateLimits } from './security/rate-limit.ts';
import { installWebhookPolicy } from './security/webhook-sandbox.ts';
import { inertTriggers } from './triggers.ts';

export interface BuildAppOptions {
  config: ServerConfig;
  database: Database;
  /** Defaults to the built-in nodes. */
  registry?: NodeRegistry;
  logger?: Logger;
  /** Features besides the discovered ones (tests, embedders). */
  features?: Feature[];
  /** Whether migrations already ran (startServer runs them first). */
  migrated?: boolean;
  lifecycle?: Lifecycle;
  /** Extra rules or public prefixes for the one access check (tests, embedders adding routes). */
  accessControl?: AccessControlOptions;
}

export interface GuixuApp {
  app: FastifyInstance;
  ctx: ServerContext;
  /** Runs each feature's `start` (startServer calls it before listening). */
  start(): Promise<void>;
}

const REQUEST_ID_PREFIX = randomBytes(3).toString('hex');
let requestCounter = 0;

/** The whole HTTP application, ready for `inject()` or `listen()`. */
export async function buildApp(options: BuildAppOptions): Promise<GuixuApp> {
  const { config } = options;
  const log = options.logger ?? createLogger(config.logLevel);
  const lifecycle = options.lifecycle ?? new Lifecycle();
  const metrics = new MetricsRegistry();
  const stopProcessMetrics = registerProcessMetrics(metrics);
  lifecycle.onShutdown({ name: 'process metrics', phase: 'close', run: stopProcessMetrics });

  const fastifyLogger: FastifyBaseLogger = log;
  const app = Fastify({
    loggerInstance: fastifyLogger,
    bodyLimit: config.bodyLimit,
    // Behind a reverse proxy: request.ip (rate limits, audit, webhook allow-lists) is the real client.
    trustProxy: fastifyTrustProxy(config.trustProxy),
    requestIdHeader: 'x-request-id',
    genReqId: () => `${REQUEST_ID_PREFIX}-${(++requestCounter).toString(36)}`,
    // One access line per request (http/request-log.ts); errors are logged by the error handler.
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    return503OnClosing: true,
    frameworkErrors: (error, request, reply) => {
      sendError(reply, request, error);
    },
  });

  const ctx: ServerContext = {
    config,
    database: options.database,
    registry: options.registry ?? (await builtinNodes()),
    metrics,
    lifecycle,
    contracts: new ContractRegistry(),
    log,
    triggers: inertTriggers,
    services: new Services(),
    migrated: options.migrated ?? true,
    readiness: new ReadinessChecks(),
  };

  installJsonParser(app);
  installErrorHandling(app);
  // Cookies are parsed before any hook that authenticates.
  await installCookies(app);
  await installRateLimits(app);
  installHttpMetrics(app, metrics);
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  installRequestLog(app, { enabled: config.logRequests, log });

  const features = sortFeatures([...(await discoverFeatures()), ...(options.features ?? [])]);
  for (const feature of features) await feature.setup?.(ctx);
  // One permission check and one set of security headers for every route, before any is registered.
  const security = ctx.services.get('security');
  for (const limiter of Object.values(security.limiters)) limiter.bind(app);
  installAccessControl(app, ctx, options.accessControl);
  await installHardening(app, security.settings);
  installWebhookPolicy(app, config);
  for (const feature of features) {
    const routes = feature.routes;
    if (routes) await app.register(async (scope) => routes(scope, ctx));
  }
  await app.ready();
  return {
    app,
    ctx,
    async start() {
      // A queue worker starts no trigger listeners (queue/worker-features.ts).
      for (const feature of features) if (startsIn(feature, ctx.config)) await feature.start?.(ctx);
    },
  };
}
