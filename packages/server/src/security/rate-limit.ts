import rateLimit from '@fastify/rate-limit';
import { GuixuError } from '@guixu/core';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';

const WINDOW_MS = 60_000;

function rateLimited(name: string, limit: number, retryAfterMs: number): GuixuError {
  return new GuixuError(
    'RATE_LIMITED',
    `Too many ${name} requests; try again in ${Math.ceil(retryAfterMs / 1000)} s`,
    {
      retryable: true,
      retryAfterMs,
      details: { limit, windowSeconds: WINDOW_MS / 1000 },
    },
  );
}

/**
 * Registers @fastify/rate-limit (in-memory store, per client address as
 * Fastify sees it, so `GUIXU_TRUST_PROXY` applies) without a global limit:
 * routes opt in through `RequestLimiter` or `rateLimitHook`.
 */
export async function installRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false, timeWindow: WINDOW_MS });
}

/**
 * A per-address limit a handler checks itself (sign-in, password reset), on
 * @fastify/rate-limit's store. Unbound (before the app is built) or with a
 * limit of 0 it lets everything through.
 */
export class RequestLimiter {
  private check: ReturnType<FastifyInstance['createRateLimit']> | undefined;

  constructor(
    readonly name: string,
    /** Allowed requests per minute and address; 0 disables the limiter. */
    readonly limit: number,
  ) {}

  /** Called once the rate-limit plugin is registered on `app`. */
  bind(app: FastifyInstance): void {
    if (this.limit > 0) this.check = app.createRateLimit({ max: this.limit, timeWindow: WINDOW_MS });
  }

  /** Counts the request; throws RATE_LIMITED (429 with Retry-After) past the limit. */
  async hit(request: FastifyRequest): Promise<void> {
    if (this.check === undefined) return;
    const result = await this.check(request);
    if (!result.isAllowed && result.isExceeded) throw rateLimited(this.name, this.limit, result.ttl);
  }
}

/** An `onRequest` hook limiting every route of a scope per address (webhooks: `GUIXU_WEBHOOK_RATE_LIMIT`). */
export function rateLimitHook(
  app: FastifyInstance,
  name: string,
  limit: number,
): onRequestAsyncHookHandler | undefined {
  if (limit === 0) return undefined;
  return app.rateLimit({
    max: limit,
    timeWindow: WINDOW_MS,
    errorResponseBuilder: (_request, context) => rateLimited(name, limit, context.ttl),
  });
}
