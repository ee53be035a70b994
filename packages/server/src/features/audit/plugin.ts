import { auditRoutes } from '@guixu/api';
import contentDisposition from 'content-disposition';
import type { Feature } from '../../context.ts';
import { route } from '../../http/route.ts';
import { AuditLog } from './audit-log.ts';
import { queryAudit, toCsv } from './query.ts';

const PRUNE_INTERVAL_MS = 6 * 60 * 60_000;

export const feature: Feature = {
  name: 'audit',
  order: 2,
  setup(ctx) {
    const audit = new AuditLog(ctx.database);
    ctx.services.provide('audit', audit);
    ctx.services.get('security').onApiKeyUse = ({ actor, request }) =>
      audit.record({
        action: 'apiKey.use',
        actor,
        request,
        resourceType: 'apiKey',
        ...(actor.apiKeyId ? { resourceId: actor.apiKeyId } : {}),
        summary: `API key used: ${request.method} ${request.routeOptions.url ?? request.url}`,
      });
  },
  start(ctx) {
    const audit = ctx.services.get('audit');
    const prune = () => {
      audit.prune().catch((error: unknown) => ctx.log.warn({ err: error }, 'audit log pruning failed'));
    };
    prune();
    const timer = setInterval(prune, PRUNE_INTERVAL_MS);
    timer.unref();
    ctx.lifecycle.onShutdown({ name: 'audit pruning', phase: 'drain', run: () => clearInterval(timer) });
  },
  routes(app, ctx) {
    const audit = ctx.services.get('audit');
    route(app, ctx.contracts, auditRoutes.list, { resource: 'audit', action: 'read' }, ({ query }) =>
      queryAudit(audit, ctx.database, query),
    );
    route(
      app,
      ctx.contracts,
      auditRoutes.export,
      { resource: 'audit', action: 'read' },
      async ({ query, reply }) => {
        const entries = [];
        let cursor: string | undefined;
        // Exports walk the pages so memory stays bounded per page, not per log.
        do {
          const page = await queryAudit(audit, ctx.database, {
            ...query,
            limit: 250,
            ...(cursor ? { cursor } : {}),
          });
          entries.push(...page.data);
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined && entries.length < 100_000);
        const stamp = new Date().toISOString().slice(0, 10);
        reply.header('content-disposition', contentDisposition(`audit-${stamp}.${query.format}`));
        if (query.format === 'csv') {
          reply.type('text/csv; charset=utf-8');
          return reply.send(toCsv(entries));
        }
        reply.type('application/json');
        return reply.send(JSON.stringify(entries));
      },
    );
    route(app, ctx.contracts, auditRoutes.getSettings, { resource: 'audit', action: 'read' }, async () => ({
      retentionDays: await audit.retentionDays(),
    }));
    route(
      app,
      ctx.contracts,
      auditRoutes.putSettings,
      { resource: 'audit', action: 'update' },
      async ({ body, request }) => {
        const before = await audit.retentionDays();
        await audit.setRetentionDays(body.retentionDays);
        await audit.record({
          action: 'audit.settings_update',
          request,
          summary: `Audit retention set to ${body.retentionDays} days`,
          diff: { retentionDays: [before, body.retentionDays] },
        });
        return { retentionDays: body.retentionDays };
      },
    );
  },
};
