import type { RouteContract } from '@guixu/api';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { type RouteHandler, route } from '../http/route.ts';
import { type AccessRule, requireAccess } from './require-access.ts';

/**
 * `route(app, ctx.contracts, contract, handler)` with a permission check in
 * front: swap the call for `secureRoute(app, ctx, contract, rule, handler)`.
 * Each route gets its own encapsulated scope so the pre-handler guards only it.
 */
export function secureRoute<C extends RouteContract>(
  app: FastifyInstance,
  ctx: ServerContext,
  contract: C,
  rule: AccessRule,
  handler: RouteHandler<C>,
): void {
  GUARDED_ROUTES.add(`${contract.method} ${contract.path}`);
  app.register(async (scope) => {
    scope.addHook('preHandler', requireAccess(ctx, rule));
    route(scope, ctx.contracts, contract, handler);
  });
}

/** Routes anyone may call (sign-in, setup): registered as is, listed so the isolation matrix knows them. */
export const PUBLIC_OPERATIONS = new Set<string>();
/** `METHOD /path` of routes that check access themselves (secureRoute) or are public (publicRoute). */
export const GUARDED_ROUTES = new Set<string>();

export function publicRoute<C extends RouteContract>(
  app: FastifyInstance,
  ctx: ServerContext,
  contract: C,
  handler: RouteHandler<C>,
): void {
  PUBLIC_OPERATIONS.add(contract.operationId);
  GUARDED_ROUTES.add(`${contract.method} ${contract.path}`);
  route(app, ctx.contracts, contract, handler);
}
