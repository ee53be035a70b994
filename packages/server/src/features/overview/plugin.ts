import { overviewRoutes } from '@guixu/api';
import type { Feature } from '../../context.ts';
import { route } from '../../http/route.ts';
import { requireActor } from '../../security/require-access.ts';
import { fromQuery } from '../../security/request-fields.ts';
import { queryOverview } from './query.ts';

export const feature: Feature = {
  name: 'overview',
  order: 40,
  routes(app, ctx) {
    // Reading executions of the project (or of every visible project): what the executions list allows.
    route(
      app,
      ctx.contracts,
      overviewRoutes.get,
      { resource: 'execution', action: 'read', projectFrom: fromQuery('projectId') },
      async ({ query, request }) =>
        queryOverview(ctx.database, {
          actor: await requireActor(ctx, request),
          days: query.days,
          ...(query.projectId ? { projectId: query.projectId } : {}),
        }),
    );
  },
};
