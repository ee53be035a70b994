import { workflowRoutes } from '@guixu/api';
import type { FastifyRequest } from 'fastify';
import type { Feature } from '../../context.ts';
import { registerErrorStatus } from '../../http/http-errors.ts';
import { route } from '../../http/route.ts';
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
    // The root access check already ran (security/route-rules.ts); the actor also scopes every query.
    const by = async (request: FastifyRequest): Promise<ActingAs> => ({
      actor: await requireActor(ctx, request),
      request,
    });
    route(app, c, r.list, async ({ query, request }) =>
      workflows.list(query, await requireActor(ctx, request)),
    );
    route(app, c, r.create, async ({ body, request }) => workflows.create(body, await by(request)));
    route(app, c, r.import, async ({ body, request }) => workflows.import(body, await by(request)));
    route(app, c, r.get, async ({ params, query, request }) =>
      workflows.get(params.id, {
        includeDeleted: query.deleted === true,
        actor: await requireActor(ctx, request),
      }),
    );
    route(app, c, r.update, async ({ params, body, request }) =>
      workflows.update(params.id, body, await by(request)),
    );
    route(app, c, r.delete, async ({ params, query, request }) =>
      workflows.delete(params.id, query.permanent === true, await by(request)),
    );
    route(app, c, r.restore, async ({ params, request }) => workflows.restore(params.id, await by(request)));
    route(app, c, r.duplicate, async ({ params, body, request }) =>
      workflows.duplicate(params.id, body ?? {}, await by(request)),
    );
    route(app, c, r.activate, async ({ params, request }) =>
      workflows.activate(params.id, await by(request)),
    );
    route(app, c, r.deactivate, async ({ params, request }) =>
      workflows.deactivate(params.id, await by(request)),
    );
    route(app, c, r.export, async ({ params, request }) => workflows.export(params.id, await by(request)));
    route(app, c, r.listVersions, async ({ params, query, request }) =>
      workflows.listVersions(params.id, query, await by(request)),
    );
    route(app, c, r.getVersion, async ({ params, request }) =>
      workflows.getVersion(params.id, params.version, await by(request)),
    );
    route(app, c, r.restoreVersion, async ({ params, body, request }) =>
      workflows.restoreVersion(params.id, params.version, body?.message, await by(request)),
    );
    route(app, c, r.diff, async ({ params, query, request }) =>
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
