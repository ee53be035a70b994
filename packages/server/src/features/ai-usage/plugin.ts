import { aiUsageRoutes } from '@guixu/api';
import type { FastifyRequest } from 'fastify';
import type { Feature, ServerContext } from '../../context.ts';
import { setAiHost } from '../../execution-host/ai-services.ts';
import { route } from '../../http/route.ts';
import { forbidden } from '../../security/errors.ts';
import { type Actor, isInstanceAdmin, type ResourceRef } from '../../security/policy.ts';
import { fromBody, fromQuery } from '../../security/request-fields.ts';
import { requireActor } from '../../security/require-access.ts';
import { locateResource } from '../../security/resources.ts';
import { createAiHost } from './ai-host.ts';
import { Budgets } from './budgets.ts';
import { PriceTable } from './price-table.ts';
import { UsageLog } from './usage-log.ts';

/** What this feature offers others (`ctx.services.get('aiUsage')`). */
export interface AiUsageService {
  prices: PriceTable;
  usage: UsageLog;
  budgets: Budgets;
}

/**
 * Who may write a price: instance admins for instance-wide prices, project
 * admins for their project's (as for the project's settings).
 */
function priceOwner(
  ctx: ServerContext,
  projectOf: (request: FastifyRequest) => Promise<string | null | undefined>,
) {
  return async (request: FastifyRequest, actor: Actor): Promise<ResourceRef | null> => {
    const projectId = await projectOf(request);
    if (projectId === undefined) return null;
    // Instance-wide prices are everyone's to read (listed) and instance admins' to change.
    if (projectId === null) {
      if (!isInstanceAdmin(actor)) throw forbidden('update', 'instance-wide price');
      return { type: 'project', projectId: null };
    }
    return locateResource(ctx.services.get('security').db, 'project', projectId);
  };
}

export const feature: Feature = {
  name: 'ai-usage',
  // After executions (it hands its AI host to the runner).
  order: 28,
  async setup(ctx) {
    const prices = new PriceTable(ctx.database);
    const usage = new UsageLog(ctx.database, prices);
    const budgets = new Budgets(ctx.database, usage);
    ctx.services.provide('aiUsage', { prices, usage, budgets });
    setAiHost(ctx.services.get('executions').services, createAiHost(ctx, { prices, usage, budgets }));
  },
  // At start, not setup: building the app must not need the database (it may be down; /readyz says so).
  async start(ctx) {
    await ctx.services.get('aiUsage').prices.load();
  },
  routes(app, ctx) {
    const { prices, usage, budgets } = ctx.services.get('aiUsage');
    const c = ctx.contracts;
    const r = aiUsageRoutes;
    const audit = () => ctx.services.get('audit');

    route(
      app,
      c,
      r.report,
      { resource: 'execution', action: 'read', projectFrom: fromQuery('projectId') },
      async ({ query, request }) => usage.report(await requireActor(ctx, request), query),
    );
    route(app, c, r.execution, { resource: 'execution', action: 'read' }, ({ params }) =>
      usage.ofExecution(params.id),
    );
    route(
      app,
      c,
      r.listPrices,
      { resource: 'project', action: 'read', projectFrom: fromQuery('projectId') },
      async ({ query }) => ({ data: await prices.list(query.projectId) }),
    );
    const fromBodyOrInstance = async (request: FastifyRequest) => fromBody('projectId')(request) ?? null;
    const ofPriceRow = async (request: FastifyRequest) => {
      const id = Reflect.get(request.params as object, 'id');
      if (typeof id !== 'string') return undefined;
      const row = await prices.row(id).catch(() => undefined);
      return row === undefined ? undefined : row.project_key || null;
    };
    const writePrice = (projectOf: (request: FastifyRequest) => Promise<string | null | undefined>) => ({
      resource: 'project' as const,
      action: 'update' as const,
      useIdParam: false,
      resourceFrom: priceOwner(ctx, projectOf),
    });
    route(app, c, r.createPrice, writePrice(fromBodyOrInstance), async ({ body, request, reply }) => {
      const price = await prices.create(body);
      await audit().record({
        action: 'aiPrice.create',
        request,
        resourceType: 'aiPrice',
        resourceId: price.id,
        projectId: price.projectId,
        summary: `Price of ${price.model} set to ${price.inputPerMillion}/${price.outputPerMillion} ${price.currency} per million tokens`,
      });
      reply.status(201);
      return price;
    });
    route(app, c, r.updatePrice, writePrice(ofPriceRow), async ({ params, body, request }) => {
      const price = await prices.update(params.id, body);
      await audit().record({
        action: 'aiPrice.update',
        request,
        resourceType: 'aiPrice',
        resourceId: price.id,
        projectId: price.projectId,
        summary: `Price of ${price.model} changed to ${price.inputPerMillion}/${price.outputPerMillion} ${price.currency} per million tokens`,
      });
      return price;
    });
    route(app, c, r.deletePrice, writePrice(ofPriceRow), async ({ params, request }) => {
      const row = await prices.delete(params.id);
      await audit().record({
        action: 'aiPrice.delete',
        request,
        resourceType: 'aiPrice',
        resourceId: row.id,
        projectId: row.project_key || null,
        summary: `Price of ${row.model} deleted`,
      });
    });
    route(app, c, r.getBudget, { resource: 'project', action: 'read' }, ({ params }) =>
      budgets.get(params.id),
    );
    route(
      app,
      c,
      r.setBudget,
      { resource: 'project', action: 'update' },
      async ({ params, body, request }) => {
        const budget = await budgets.set(params.id, body.monthlyLimit, body.currency);
        await audit().record({
          action: 'project.aiBudget',
          request,
          resourceType: 'project',
          resourceId: params.id,
          projectId: params.id,
          summary:
            body.monthlyLimit === null
              ? 'AI budget removed'
              : `AI budget set to ${body.monthlyLimit} ${body.currency} a month`,
        });
        return budget;
      },
    );
  },
};
