import { workflowRoutes } from '@guixu/api';
import type { FastifyRequest } from 'fastify';
import type { Feature } from '../../context.ts';
import { registerErrorStatus } from '../../http/http-errors.ts';
import { route } from '../../http/route.ts';
import { fromBody } from '../../security/request-fields.ts';
import { requireActor } from '../../security/require-access.ts';
import { type ActingAs, WorkflowService } from './service.ts';

registerErrorStatus('WORKFLOW_DELETED', 409);
registerErrorStatus('WORKFLOW_NOT_DELETED', 409);

export const feature: Feature = {
  name: 'workflows',
  order: 20,
  setup(ctx) {
    ctx.services.provide(
      'workflows',
      new WorkflowService({
        database: ctx.database,
        tags: ctx.services.get('tags'),
        registry: ctx.registry,
        triggers: () => ctx.triggers,
        audit: () => ctx.services.get('audit'),
      }),
    );
  },
  routes(app, ctx) {
    const workflows = ctx.services.get('workflows');
    const r = workflowRoutes;
    const c = ctx.contracts;
    // The access hook already checked each route's rule; the actor also scopes every query.
    // The copy of `duplicate` lands in the caller's project of choice: the service checks `create` there.
    const by = async (request: FastifyRequest): Promise<ActingAs> => ({
      actor: await requireActor(ctx, request),
      request,
    });
    route(app, c, r.list, { resource: 'workflow', action: 'read' }, async ({ query, request }) =>
      workflows.list(query, await requireActor(ctx, request)),
    );
    route(
      app,
      c,
      r.create,
      { resource: 'workflow', action: 'create', projectFrom: fromBody('projectId') },
      async ({ body, request }) => workflows.create(body, await by(request)),
    );
    route(
      app,
      c,
      r.import,
      { resource: 'workflow', action: 'create', projectFrom: fromBody('projectId') },
      async ({ body, request }) => workflows.import(body, await by(request)),
    );
    // Converting saves nothing; it is offered to whoever may create workflows.
    route(app, c, r.convert, { resource: 'workflow', action: 'create' }, async ({ body }) =>
      workflows.convert(body),
    );
    route(app, c, r.get, { resource: 'workflow', action: 'read' }, async ({ params, query, request }) =>
      workflows.get(params.id, {
        includeDeleted: query.deleted === true,
        actor: await requireActor(ctx, request),
      }),
    );
    route(app, c, r.update, { resource: 'workflow', action: 'update' }, async ({ params, body, request }) =>
      workflows.update(params.id, body, await by(request)),
    );
    route(app, c, r.delete, { resource: 'workflow', action: 'delete' }, async ({ params, query, request }) =>
      workflows.delete(params.id, query.permanent === true, await by(request)),
    );
    route(app, c, r.restore, { resource: 'workflow', action: 'update' }, async ({ params, request }) =>
      workflows.restore(params.id, await by(request)),
    );
    route(app, c, r.duplicate, { resource: 'workflow', action: 'read' }, async ({ params, body, request }) =>
      workflows.duplicate(params.id, body ?? {}, await by(request)),
    );
    route(app, c, r.activate, { resource: 'workflow', action: 'activate' }, async ({ params, request }) =>
      workflows.activate(params.id, await by(request)),
    );
    route(app, c, r.deactivate, { resource: 'workflow', action: 'activate' }, async ({ params, request }) =>
      workflows.deactivate(params.id, await by(request)),
    );
    route(app, c, r.export, { resource: 'workflow', action: 'read' }, async ({ params, request }) =>
      workflows.export(params.id, await by(request)),
    );
    route(
      app,
      c,
      r.listVersions,
      { resource: 'workflow', action: 'read' },
      async ({ params, query, request }) => workflows.listVersions(params.id, query, await by(request)),
    );
    route(app, c, r.getVersion, { resource: 'workflow', action: 'read' }, async ({ params, request }) =>
      workflows.getVersion(params.id, params.version, await by(request)),
    );
    route(
      app,
      c,
      r.restoreVersion,
      { resource: 'workflow', action: 'update' },
      async ({ params, body, request }) =>
        workflows.restoreVersion(params.id, params.version, body?.message, await by(request)),
    );
    route(app, c, r.diff, { resource: 'workflow', action: 'read' }, async ({ params, query, request }) =>
      workflows.diff(params.id, query.from, query.to, await by(request)),
    );
  },
  async start(ctx) {
    const count = await ctx.services
      .get('workflows')
      .reactivateAll((id, error) =>
        ctx.log.error({ err: error, workflowId: id }, 'could not re-activate workflow'),
      );
    if (count > 0) ctx.log.info({ count }, 'active workflows re-activated');
  },
};
