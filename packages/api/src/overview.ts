import { z } from 'zod';
import { idSchema, timestampSchema } from './common.ts';
import { defineRoute } from './contract.ts';

export const overviewQuerySchema = z.object({
  /** One project; without it, every project the caller may see. */
  projectId: idSchema.optional(),
  /** How many days (UTC, today included) the counts and the chart cover. */
  days: z.coerce.number().int().min(1).max(90).default(14),
});

export const overviewDaySchema = z.object({
  /** `YYYY-MM-DD` (UTC). */
  day: z.string(),
  success: z.number().int(),
  error: z.number().int(),
  /** Running, waiting, queued and canceled runs. */
  other: z.number().int(),
});

export const overviewSchema = z
  .object({
    since: timestampSchema,
    workflows: z.object({ total: z.number().int(), active: z.number().int() }),
    executions: z.object({
      total: z.number().int(),
      success: z.number().int(),
      error: z.number().int(),
      /** success / (success + error); null before anything finished. */
      successRate: z.number().nullable(),
    }),
    perDay: z.array(overviewDaySchema),
    recentFailures: z.array(
      z.object({
        id: z.string(),
        workflowId: z.string().nullable(),
        workflowName: z.string().nullable(),
        message: z.string().nullable(),
        createdAt: timestampSchema,
      }),
    ),
    activeWorkflows: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        updatedAt: timestampSchema,
        triggerCount: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Overview' });
export type Overview = z.infer<typeof overviewSchema>;

/** Instance settings an admin sees; the environment sets them, the owner may change execution retention here. */
export const executionRetentionSchema = z
  .object({
    /** Finished executions older than this many days are deleted; 0 keeps them. */
    maxAgeDays: z.number().int().min(0).max(36_500),
    /** At most this many finished executions are kept; 0 means no limit. */
    maxCount: z.number().int().min(0).max(100_000_000),
  })
  .meta({ id: 'ExecutionRetention' });
export const instanceSettingsSchema = z
  .object({
    version: z.string(),
    database: z.enum(['sqlite', 'postgres']),
    publicUrl: z.string(),
    webhookUrl: z.string(),
    timezone: z.string().nullable(),
    /** Executions running at once (`GUIXU_MAX_CONCURRENCY`) and waiting for a slot (`GUIXU_MAX_PENDING`). */
    concurrency: z.object({ maxConcurrency: z.number().int(), maxPending: z.number().int() }),
    retention: executionRetentionSchema,
    /** Where the retention comes from: the environment, or a change saved here. */
    retentionSource: z.enum(['environment', 'saved']),
  })
  .meta({ id: 'InstanceSettings' });
export type InstanceSettings = z.infer<typeof instanceSettingsSchema>;

export const overviewRoutes = {
  get: defineRoute({
    method: 'GET',
    path: '/api/v1/overview',
    operationId: 'getOverview',
    summary: 'Counts, success rate, executions per day, recent failures and active workflows',
    tags: ['Overview'],
    query: overviewQuerySchema,
    response: overviewSchema,
    errors: [401, 403],
  }),
} as const;

export const instanceSettingsRoutes = {
  get: defineRoute({
    method: 'GET',
    path: '/api/v1/settings/instance',
    operationId: 'getInstanceSettings',
    summary: 'Instance settings (owners and admins)',
    tags: ['Settings'],
    response: instanceSettingsSchema,
    errors: [401, 403],
  }),
  putRetention: defineRoute({
    method: 'PUT',
    path: '/api/v1/settings/instance/retention',
    operationId: 'putExecutionRetention',
    summary: 'Change how long finished executions are kept (owner)',
    tags: ['Settings'],
    body: executionRetentionSchema.strict(),
    response: instanceSettingsSchema,
    errors: [401, 403],
  }),
} as const;
