import type { FastifyRequest } from 'fastify';
import type { Action, InstanceResource } from './policy.ts';
import type { AccessRule } from './require-access.ts';

/** Anyone may call: sign-in, setup, probes, callbacks that carry their own proof. */
export const PUBLIC = Object.freeze({ public: true as const });
/** Any signed-in caller, acting on their own records only (the handler reads `request.actor`). */
export const SIGNED_IN = Object.freeze({ signedIn: true as const });

/**
 * What a route lets through, declared where the route is registered
 * (`route(app, contracts, contract, access, handler)`) and enforced by the
 * one hook of `installAccessControl`. The rules themselves read the
 * permission matrix (`policy.ts`).
 */
export type RouteAccess = typeof PUBLIC | typeof SIGNED_IN | AccessRule;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's access rule; an `/api/` route without one answers 403. */
    access?: RouteAccess;
  }
}

export function isPublic(access: RouteAccess): access is typeof PUBLIC {
  return 'public' in access;
}

export function isSignedIn(access: RouteAccess): access is typeof SIGNED_IN {
  return 'signedIn' in access;
}

/** The access a matched route declared; undefined for routes that declared none. */
export function accessOf(request: FastifyRequest): RouteAccess | undefined {
  return request.routeOptions.config.access;
}

/** A rule on the caller's own record (their sessions, their API keys): the matrix's "own record" column. */
export function ownRecord(resource: InstanceResource, action: Action): AccessRule {
  return {
    resource,
    action,
    resourceFrom: (_request, actor) => ({ type: resource, ownerUserId: actor.userId }),
  };
}
