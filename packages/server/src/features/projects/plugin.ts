import { projectRoutes } from '@guixu/api';
import { dropVectorCollections, projectTenant } from '@guixu/nodes';
import type { Feature } from '../../context.ts';
import { notFound } from '../../http/http-errors.ts';
import { requireActor } from '../../security/require-access.ts';
import { forbidden } from '../../security/errors.ts';
import { decide, PROJECT_CREATORS } from '../../security/policy.ts';
import { locateResource } from '../../security/resources.ts';
import { route } from '../../http/route.ts';
import { SIGNED_IN } from '../../security/route-access.ts';
import { fromParams } from '../../security/request-fields.ts';
import { ProjectService } from './service.ts';

export const feature: Feature = {
  name: 'projects',
  order: 3,
  setup(ctx) {
    ctx.services.provide('projects', new ProjectService(ctx.services.get('security').db));
  },
  routes(app, ctx) {
    const projects = ctx.services.get('projects');
    const db = ctx.services.get('security').db;
    const audit = () => ctx.services.get('audit');
    const shared = (request: Parameters<ReturnType<typeof fromParams>>[0]) => {
      const type = fromParams('resourceType')(request);
      const id = fromParams('resourceId')(request) ?? '';
      return type === 'workflow' || type === 'credential' ? locateResource(db, type, id) : null;
    };

    route(
      app,
      ctx.contracts,
      projectRoutes.list,
      { resource: 'project', action: 'read' },
      async ({ request }) => ({
        data: request.actor ? await projects.list(request.actor) : [],
      }),
    );
    route(
      app,
      ctx.contracts,
      projectRoutes.get,
      { resource: 'project', action: 'read' },
      ({ params, request }) => projects.get(params.id, request.actor ?? forbiddenActor()),
    );
    route(app, ctx.contracts, projectRoutes.create, SIGNED_IN, async ({ body, request, reply }) => {
      const actor = await requireActor(ctx, request);
      if (
        !PROJECT_CREATORS.includes(actor.role) ||
        (actor.scopes !== undefined && !actor.scopes.has('project:write'))
      ) {
        throw forbidden('create', 'project');
      }
      const project = await projects.create(body.name, actor);
      await audit().record({
        action: 'project.create',
        request,
        resourceType: 'project',
        resourceId: project.id,
        projectId: project.id,
        summary: `Project "${body.name}" created`,
      });
      reply.status(201);
      return project;
    });
    route(
      app,
      ctx.contracts,
      projectRoutes.update,
      { resource: 'project', action: 'update' },
      async ({ params, body, request }) => {
        const project = await projects.rename(params.id, body.name, request.actor ?? forbiddenActor());
        await audit().record({
          action: 'project.update',
          request,
          resourceType: 'project',
          resourceId: params.id,
          projectId: params.id,
          summary: `Project renamed to "${body.name}"`,
        });
        return project;
      },
    );
    route(
      app,
      ctx.contracts,
      projectRoutes.delete,
      { resource: 'project', action: 'delete' },
      async ({ params, request }) => {
        await projects.delete(params.id);
        // Its Vector Store (SQLite) collections live in the nodes' own file, outside the database.
        await dropVectorCollections(ctx.config.nodes.vectorDbPath, `${projectTenant(params.id)}/`);
        // The project's prices left the table; the in-memory copy follows now, not at the next minute.
        await ctx.services.get('aiUsage').prices.load();
        await audit().record({
          action: 'project.delete',
          request,
          resourceType: 'project',
          resourceId: params.id,
          projectId: params.id,
          summary: 'Project deleted',
        });
      },
    );
    route(
      app,
      ctx.contracts,
      projectRoutes.members,
      { resource: 'project', action: 'read' },
      async ({ params }) => ({
        data: await projects.members(params.id),
      }),
    );
    route(
      app,
      ctx.contracts,
      projectRoutes.setMember,
      { resource: 'project', action: 'manageMembers' },
      async ({ params, body, request }) => {
        const member = await projects.setMember(params.id, params.userId, body.role);
        await audit().record({
          action: 'project.member_set',
          request,
          resourceType: 'user',
          resourceId: params.userId,
          projectId: params.id,
          summary: `${member.email} is now ${body.role}`,
        });
        return member;
      },
    );
    route(
      app,
      ctx.contracts,
      projectRoutes.removeMember,
      { resource: 'project', action: 'manageMembers' },
      async ({ params, request }) => {
        await projects.removeMember(params.id, params.userId);
        await audit().record({
          action: 'project.member_remove',
          request,
          resourceType: 'user',
          resourceId: params.userId,
          projectId: params.id,
          summary: 'Member removed',
        });
      },
    );
    // Moving needs `move` on the resource where it is now and `create` in the target project.
    route(
      app,
      ctx.contracts,
      projectRoutes.transfer,
      { resource: 'project', action: 'read' },
      async ({ params, body, request }) => {
        const actor = request.actor ?? forbiddenActor();
        const ref = await locateResource(db, body.resourceType, body.resourceId);
        const decision = ref === null ? { allowed: false, visible: false } : decide(actor, 'move', ref);
        if (!decision.visible) throw notFound(body.resourceType, body.resourceId);
        if (!decision.allowed) throw forbidden('move', body.resourceType);
        if (!decide(actor, 'create', { type: body.resourceType, projectId: params.id }).allowed)
          throw forbidden('create', body.resourceType);
        const from = await projects.move(body.resourceType, body.resourceId, params.id);
        await audit().record({
          action: `${body.resourceType}.move`,
          request,
          resourceType: body.resourceType,
          resourceId: body.resourceId,
          projectId: params.id,
          summary: `Moved from project ${from ?? '(none)'} to ${params.id}`,
          diff: { projectId: [from, params.id] },
        });
      },
    );
    route(
      app,
      ctx.contracts,
      projectRoutes.listShares,
      { resource: 'workflow', action: 'read', resourceFrom: shared },
      async ({ params }) => ({
        data: await projects.listShares(params.resourceType, params.resourceId),
      }),
    );
    route(
      app,
      ctx.contracts,
      projectRoutes.share,
      { resource: 'workflow', action: 'share', resourceFrom: shared },
      async ({ params, body, request }) => {
        const actor = request.actor ?? forbiddenActor();
        const share = await projects.share(
          params.resourceType,
          params.resourceId,
          params.projectId,
          body.access,
          actor,
        );
        await audit().record({
          action: `${params.resourceType}.share`,
          request,
          resourceType: params.resourceType,
          resourceId: params.resourceId,
          projectId: params.projectId,
          summary: `Shared with project ${params.projectId} (${body.access})`,
        });
        return share;
      },
    );
    route(
      app,
      ctx.contracts,
      projectRoutes.unshare,
      { resource: 'workflow', action: 'share', resourceFrom: shared },
      async ({ params, request }) => {
        await projects.unshare(params.resourceType, params.resourceId, params.projectId);
        await audit().record({
          action: `${params.resourceType}.unshare`,
          request,
          resourceType: params.resourceType,
          resourceId: params.resourceId,
          projectId: params.projectId,
          summary: `No longer shared with project ${params.projectId}`,
        });
      },
    );
  },
};

function forbiddenActor(): never {
  throw forbidden('access', 'project');
}
