import type { FastifyRequest } from 'fastify';
import { GuixuError } from '@guixu/core';

/**
 * Fixed-window counter per key (client address, email). In memory: each
 * instance limits on its own, which is enough to blunt guessing.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly name: string,
    /** Allowed hits per window; 0 disables the limiter. */
    readonly limit: number,
    readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a hit; throws RATE_LIMITED (429 with Retry-After) past the limit. */
  hit(key: string): void {
    if (this.limit === 0) return;
    const now = this.now();
    if (this.windows.size > 10_000) this.sweep(now);
    const window = this.windows.get(key);
    if (window === undefined || now - window.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return;
    }
    window.count += 1;
    if (window.count > this.limit) {
      const retryAfterMs = window.start + this.windowMs - now;
      throw new GuixuError(
        'RATE_LIMITED',
        `Too many ${this.name} requests; try again in ${Math.ceil(retryAfterMs / 1000)} s`,
        {
          retryable: true,
          retryAfterMs,
          details: { limit: this.limit, windowSeconds: this.windowMs / 1000 },
        },
      );
    }
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows)
      if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}

/**
 * A pre-handler counting requests per client address, e.g. for webhooks:
 * `app.addHook('onRequest', rateLimitHook(ctx.services.get('security').limiters.webhook))`.
 */
export function rateLimitHook(limiter: RateLimiter, key: (request: FastifyRequest) => string = (r) => r.ip) {
  return async (request: FastifyRequest): Promise<void> => {
    limiter.hit(key(request));
  };
}
