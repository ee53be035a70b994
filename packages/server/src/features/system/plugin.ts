import { buildOpenApi, systemRoutes } from '@guixu/api';
import type { Readiness } from '@guixu/api';
import type { Feature, ServerContext } from '../../context.ts';
import { migrationsPending } from '../../db/migrate.ts';
import { route } from '../../http/route.ts';
import { docsPage } from './docs-page.ts';

export const SERVER_VERSION = '0.1.0';

async function readiness(ctx: ServerContext): Promise<Readiness> {
  let database: Readiness['checks']['database'] = 'ok';
  let migrations: Readiness['checks']['migrations'] = ctx.migrated ? 'done' : 'pending';
  try {
    await ctx.database.ping();
    if (!ctx.migrated && !(await migrationsPending(ctx.database))) migrations = 'done';
  } catch {
    database = 'unreachable';
  }
  const ready = database === 'ok' && migrations === 'done' && !ctx.lifecycle.shuttingDown;
  return { status: ready ? 'ready' : 'not_ready', checks: { database, migrations } };
}

export const feature: Feature = {
  name: 'system',
  order: 0,
  routes(app, ctx) {
    route(app, ctx.contracts, systemRoutes.health, () => ({ status: 'ok' as const }));
    route(app, ctx.contracts, systemRoutes.ready, async ({ reply }) => {
      const result = await readiness(ctx);
      if (result.status !== 'ready') reply.status(503).send(result);
      return result;
    });
    route(app, ctx.contracts, systemRoutes.metrics, () => ctx.metrics.render());

    let document: string | undefined;
    app.get('/api/v1/openapi.json', { logLevel: 'warn' }, async (_request, reply) => {
      document ??= JSON.stringify(
        buildOpenApi(ctx.contracts.routes, {
          title: 'GuixuFlow API',
          version: SERVER_VERSION,
          description: 'Workflows, executions and the node catalog. Errors are `{ code, message, details }`.',
        }),
      );
      return reply.type('application/json; charset=utf-8').send(document);
    });
    app.get('/docs', async (_request, reply) => reply.type('text/html; charset=utf-8').send(docsPage()));
  },
};
