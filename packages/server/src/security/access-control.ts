import { GuixuError } from '@guixu/core';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { checkAccess, requireActor } from './require-access.ts';
import { accessOf, isPublic, isSignedIn } from './route-access.ts';

export interface AccessControlOptions {
  /** Refuse `/api/` routes that declare no access (default true): a new route is closed until someone decides. */
  failClosed?: boolean;
}

/** Where a route without a declared rule is refused: the API. Outside it live public surfaces (webhooks, forms, probes, docs, the web app) that authenticate by their own settings. */
const API_PREFIX = '/api/';

const UNDECLARED = new WeakMap<ServerContext, readonly string[]>();

/** `METHOD /path` of the API routes registered without an access rule (they answer 403). */
export function routesWithoutAccess(ctx: ServerContext): readonly string[] {
  return UNDECLARED.get(ctx) ?? [];
}

/**
 * Permission checks for every route in one place: one pre-handler on the
 * root instance (`installAccessControl(app, ctx)` in app.ts, before the
 * features' routes) enforces the `access` each route declared when it was
 * registered (`config.access`).
 */
export function installAccessControl(
  app: FastifyInstance,
  ctx: ServerContext,
  options: AccessControlOptions = {},
): void {
  const failClosed = options.failClosed ?? true;
  const undeclared: string[] = [];
  UNDECLARED.set(ctx, undeclared);
  app.addHook('onRoute', (route) => {
    if (route.config?.access !== undefined || !route.url.startsWith(API_PREFIX)) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) undeclared.push(`${method} ${route.url}`);
  });
  app.addHook('preHandler', async (request) => {
    const url = request.routeOptions.url;
    if (url === undefined) return;
    const access = accessOf(request);
    if (access === undefined) {
      if (!failClosed || !url.startsWith(API_PREFIX)) return;
      const key = `${request.method} ${url}`;
      request.log.error({ route: key }, 'route has no access rule; refused');
      throw new GuixuError('FORBIDDEN', `${key} has no access rule yet; it stays closed until one is added`, {
        details: { route: key },
      });
    }
    if (isPublic(access)) return;
    const actor = await requireActor(ctx, request);
    if (isSignedIn(access)) return;
    await checkAccess(ctx, request, actor, access);
  });
}
