import { type InstanceSettings, executionRetentionSchema, instanceSettingsRoutes } from '@guixu/api';
import { sql } from 'kysely';
import type { Feature, ServerContext } from '../../context.ts';
import { route } from '../../http/route.ts';
import { nowIso } from '../../ids.ts';
import { SERVER_VERSION } from '../../version.ts';

const RETENTION_KEY = 'executions.retention';

async function savedRetention(ctx: ServerContext) {
  const row = await ctx.database.db
    .selectFrom('instance_settings')
    .select('value')
    .where('key', '=', RETENTION_KEY)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const parsed = executionRetentionSchema.safeParse(ctx.database.adapter.readJson(row.value));
  return parsed.success ? parsed.data : undefined;
}

function view(ctx: ServerContext, source: InstanceSettings['retentionSource']): InstanceSettings {
  const { config } = ctx;
  return {
    version: SERVER_VERSION,
    database: config.database.kind,
    publicUrl: config.publicUrl,
    webhookUrl: config.webhookUrl,
    timezone: config.timezone ?? null,
    concurrency: { maxConcurrency: config.maxConcurrency, maxPending: config.maxPending },
    retention: { maxAgeDays: config.retention.maxAgeDays, maxCount: config.retention.maxCount },
    retentionSource: source,
  };
}

/**
 * Instance settings for owners and admins. Most come from the environment and
 * are shown read-only; execution retention may be changed here (stored in
 * `instance_settings`, it wins over the environment from then on). The
 * executions feature's pruning reads `ctx.config.retention` on every round, so
 * a change applies at the next round without a restart; a saved value is read
 * back at start, before the executions feature first prunes.
 */
export const feature: Feature = {
  name: 'instance-settings',
  order: 3,
  // At start, not setup: building the app must not need the database (it may be down; /readyz says so).
  async start(ctx) {
    try {
      const saved = await savedRetention(ctx);
      if (saved !== undefined) Object.assign(ctx.config.retention, saved);
    } catch (error) {
      ctx.log.warn({ err: error }, 'saved execution retention could not be read; using the environment');
    }
  },
  routes(app, ctx) {
    route(
      app,
      ctx.contracts,
      instanceSettingsRoutes.get,
      { resource: 'settings', action: 'read' },
      async () => view(ctx, (await savedRetention(ctx)) === undefined ? 'environment' : 'saved'),
    );
    route(
      app,
      ctx.contracts,
      instanceSettingsRoutes.putRetention,
      { resource: 'settings', action: 'update' },
      async ({ body, request }) => {
        const before = {
          maxAgeDays: ctx.config.retention.maxAgeDays,
          maxCount: ctx.config.retention.maxCount,
        };
        await ctx.database.db
          .insertInto('instance_settings')
          .values({ key: RETENTION_KEY, value: ctx.database.adapter.json(body), updated_at: nowIso() })
          .onConflict((oc) =>
            oc
              .column('key')
              .doUpdateSet({ value: sql`excluded.value`, updated_at: sql`excluded.updated_at` }),
          )
          .execute();
        Object.assign(ctx.config.retention, body);
        await ctx.services.get('audit').record({
          action: 'settings.update',
          request,
          summary: `Execution retention set to ${body.maxAgeDays} days, ${body.maxCount} runs`,
          diff: {
            ...(before.maxAgeDays !== body.maxAgeDays
              ? { maxAgeDays: [before.maxAgeDays, body.maxAgeDays] }
              : {}),
            ...(before.maxCount !== body.maxCount ? { maxCount: [before.maxCount, body.maxCount] } : {}),
          },
        });
        return view(ctx, 'saved');
      },
    );
  },
};
