import { buildOpenApi, systemRoutes } from '@guixu/api';
import type { Readiness } from '@guixu/api';
import type { Feature, ServerContext } from '../../context.ts';
import { migrationsPending } from '../../db/migrate.ts';
import { route } from '../../http/route.ts';
import { PUBLIC } from '../../security/route-access.ts';
import { checkMetricsToken } from '../../observability/metrics-token.ts';
import { SERVER_VERSION } from '../../version.ts';
import { registerDocs } from './docs-page.ts';

async function readiness(ctx: ServerContext): Promise<Readiness> {
  // The S3 bucket and the queue's Redis, when configured (their features add the probes; never throws).
  const optional = ctx.readiness.run();
  let database: Readiness['checks']['database'] = 'ok';
  let migrations: Readiness['checks']['migrations'] = ctx.migrated ? 'done' : 'pending';
  try {
    await ctx.database.ping();
    if (!ctx.migrated && !(await migrationsPending(ctx.database))) migrations = 'done';
  } catch {
    database = 'unreachable';
  }
  const others = await optional;
  const ready =
    database === 'ok' &&
    migrations === 'done' &&
    Object.values(others).every((state) => state === 'ok') &&
    !ctx.lifecycle.shuttingDown;
  return { status: ready ? 'ready' : 'not_ready', checks: { database, migrations, ...others } };
}

export const feature: Feature = {
  name: 'system',
  order: 0,
  async routes(app, ctx) {
    route(app, ctx.contracts, systemRoutes.health, PUBLIC, () => ({ status: 'ok' as const }));
    route(app, ctx.contracts, systemRoutes.ready, PUBLIC, async ({ reply }) => {
      const result = await readiness(ctx);
      if (result.status !== 'ready') reply.status(503).send(result);
      return result;
    });
    route(app, ctx.contracts, systemRoutes.metrics, PUBLIC, ({ request }) => {
      checkMetricsToken(request.headers.authorization, ctx.config.metricsToken);
      return ctx.metrics.render();
    });

    let document: string | undefined;
    app.get(
      '/api/v1/openapi.json',
      { logLevel: 'warn', config: { access: PUBLIC } },
      async (_request, reply) => {
        document ??= JSON.stringify(
          buildOpenApi(
            ctx.contracts.routes,
            {
              title: 'GuixuFlow API',
              version: SERVER_VERSION,
              description:
                'Workflows, executions and the node catalog. Errors are `{ code, message, details }`.',
            },
            {
              servers: [{ url: ctx.config.publicUrl }],
              isPublic: (contract) => ctx.contracts.isPublic(contract),
            },
          ),
        );
        return reply.type('application/json; charset=utf-8').send(document);
      },
    );
    await registerDocs(app);
  },
};
