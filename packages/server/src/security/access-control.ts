import { GuixuError } from '@guixu/core';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import type { AccessRule } from './require-access.ts';
import { checkAccess, requireActor } from './require-access.ts';
import { PUBLIC_PREFIXES, ROUTE_RULES } from './route-rules.ts';
import { GUARDED_ROUTES } from './secure-route.ts';

export interface AccessControlOptions {
  rules?: Readonly<Record<string, AccessRule>>;
  publicPrefixes?: readonly string[];
  /** Refuse `/api/` routes that have no rule (default true): a new route is closed until someone decides. */
  failClosed?: boolean;
}

/**
 * Permission checks for every route in one place: one pre-handler on the
 * root instance (`installAccessControl(app, ctx)` in app.ts, after the
 * features' `setup`, before their routes).
 */
export function installAccessControl(
  app: FastifyInstance,
  ctx: ServerContext,
  options: AccessControlOptions = {},
): void {
  const rules = options.rules ?? ROUTE_RULES;
  const publicPrefixes = options.publicPrefixes ?? PUBLIC_PREFIXES;
  const failClosed = options.failClosed ?? true;
  app.addHook('preHandler', async (request) => {
    const url = request.routeOptions.url;
    if (url === undefined) return;
    const key = `${request.method} ${url}`;
    if (
      GUARDED_ROUTES.has(key) ||
      publicPrefixes.some((p) => url === p.replace(/\/$/, '') || url.startsWith(p))
    )
      return;
    const rule = rules[key];
    if (rule !== undefined) {
      await checkAccess(ctx, request, await requireActor(ctx, request), rule);
      return;
    }
    if (failClosed && url.startsWith('/api/')) {
      request.log.error({ route: key }, 'route has no access rule; refused');
      throw new GuixuError('FORBIDDEN', `${key} has no access rule yet; it stays closed until one is added`, {
        details: { route: key },
      });
    }
  });
}
