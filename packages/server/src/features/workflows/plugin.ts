import { workflowRoutes } from '@guixu/api';
import type { Feature } from '../../context.ts';
import { registerErrorStatus } from '../../http/http-errors.ts';
import { route } from '../../http/route.ts';
import { WorkflowService } from './service.ts';

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
      }),
    );
  },
  routes(app, ctx) {
    const workflows = ctx.services.get('workflows');
    const r = workflowRoutes;
    const c = ctx.contracts;
    route(app, c, r.list, ({ query }) => workflows.list(query));
    route(app, c, r.create, ({ body }) => workflows.create(body));
    route(app, c, r.import, ({ body }) => workflows.import(body));
    route(app, c, r.get, ({ params, query }) =>
      workflows.get(params.id, { includeDeleted: query.deleted === true }),
    );
    route(app, c, r.update, ({ params, body }) => workflows.update(params.id, body));
    route(app, c, r.delete, ({ params, query }) => workflows.delete(params.id, query.permanent === true));
    route(app, c, r.restore, ({ params }) => workflows.restore(params.id));
    route(app, c, r.duplicate, ({ params, body }) => workflows.duplicate(params.id, body ?? {}));
    route(app, c, r.activate, ({ params }) => workflows.activate(params.id));
    route(app, c, r.deactivate, ({ params }) => workflows.deactivate(params.id));
    route(app, c, r.export, ({ params }) => workflows.export(params.id));
    route(app, c, r.listVersions, ({ params, query }) => workflows.listVersions(params.id, query));
    route(app, c, r.getVersion, ({ params }) => workflows.getVersion(params.id, params.version));
    route(app, c, r.restoreVersion, ({ params, body }) =>
      workflows.restoreVersion(params.id, params.version, body?.message),
    );
    route(app, c, r.diff, ({ params, query }) => workflows.diff(params.id, query.from, query.to));
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
