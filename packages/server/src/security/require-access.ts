import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http/http-errors.ts';
import { authRequired, forbidden } from './errors.ts';
import {
  type Action,
  type Actor,
  canInSomeTeamProject,
  decide,
  INSTANCE_RESOURCES,
  type InstanceResource,
  type Resource,
  type ResourceRef,
  scopeFor,
} from './policy.ts';
import { locateResource } from './resources.ts';

type Maybe<T> = T | Promise<T>;

export interface AccessRule {
  resource: Resource;
  action: Action;
  /**
   * The project a create or a filtered list acts in (e.g. `body.projectId`).
   * For `create` without one, the actor's personal project is used.
   */
  projectFrom?: (request: FastifyRequest) => Maybe<string | null | undefined>;
  /**
   * The one resource a route acts on. Defaults to the `:id` path parameter,
   * looked up in the resource's table; return null for "does not exist" (404).
   */
  resourceFrom?: (request: FastifyRequest, actor: Actor) => Maybe<ResourceRef | null>;
  /** Set false for collection routes that have an `:id` of another kind in their path. */
  useIdParam?: boolean;
  /**
   * For instance-wide names governed by project roles (tags): allowed when
   * the matrix allows the action in some team project of the actor.
   */
  anyProject?: boolean;
}

function isInstanceResource(resource: Resource): resource is InstanceResource {
  return (INSTANCE_RESOURCES as readonly string[]).includes(resource);
}

function idParam(request: FastifyRequest): string | undefined {
  const params = request.params;
  if (typeof params !== 'object' || params === null) return undefined;
  const id = Reflect.get(params, 'id');
  return typeof id === 'string' ? id : undefined;
}

/** Resolves the actor or throws 401 (`AUTH_REQUIRED`). */
export async function requireActor(ctx: ServerContext, request: FastifyRequest): Promise<Actor> {
  const actor = await ctx.services.get('security').authenticate(request);
  if (actor === undefined) throw authRequired();
  return actor;
}

/** Checks one rule for an authenticated actor: 404 when the target is hidden, 403 when visible but forbidden. */
export async function checkAccess(
  ctx: ServerContext,
  request: FastifyRequest,
  actor: Actor,
  rule: AccessRule,
) {
  const db = ctx.services.get('security').db;
  if (rule.anyProject === true) {
    if (isInstanceResource(rule.resource) || !canInSomeTeamProject(actor, rule.action, rule.resource))
      throw forbidden(rule.action, rule.resource);
    return;
  }
  const id = rule.useIdParam === false ? undefined : idParam(request);
  let ref: ResourceRef | null;
  if (rule.resourceFrom !== undefined) {
    ref = await rule.resourceFrom(request, actor);
  } else if (id !== undefined && !isInstanceResource(rule.resource)) {
    ref = await locateResource(db, rule.resource, id);
  } else if (isInstanceResource(rule.resource)) {
    // Instance-wide endpoints (users, audit, SSO) exist for everyone: refusing is a 403, not a 404.
    if (!decide(actor, rule.action, { type: rule.resource }).allowed)
      throw forbidden(rule.action, rule.resource);
    return;
  } else {
    const projectId =
      (await rule.projectFrom?.(request)) ?? (rule.action === 'create' ? actor.personalProjectId : undefined);
    if (projectId === undefined || projectId === null) {
      // Nowhere to create it (no project given, no personal project): never outside every project.
      if (rule.action === 'create') throw forbidden(rule.action, rule.resource);
      // A project-wide list: every actor may ask; the query is scoped with scopeToActor.
      if (actor.scopes !== undefined && !actor.scopes.has(scopeFor(rule.resource, rule.action))) {
        throw forbidden(rule.action, rule.resource);
      }
      return;
    }
    const project = await locateResource(db, 'project', projectId);
    if (project === null || !decide(actor, 'read', { type: 'project', projectId }).visible) {
      throw notFound('project', projectId);
    }
    ref = { type: rule.resource, projectId };
  }
  if (ref === null) throw notFound(rule.resource, id ?? '');
  const decision = decide(actor, rule.action, ref);
  if (!decision.visible) throw notFound(rule.resource, id ?? '');
  if (!decision.allowed) throw forbidden(rule.action, rule.resource);
}
