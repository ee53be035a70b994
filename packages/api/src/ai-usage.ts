import { z } from 'zod';
import { idParamsSchema, idSchema, timestampSchema } from './common.ts';
import { defineRoute } from './contract.ts';

/** Money per currency (a model priced in CNY and one in USD are never added up). */
export const costByCurrencySchema = z.record(z.string(), z.number()).meta({ id: 'AiCostByCurrency' });

export const AI_USAGE_GROUPS = ['workflow', 'project', 'model', 'day', 'node'] as const;

export const aiUsageRowSchema = z
  .object({
    /** The group's key: a workflow or project id, `provider/model`, a UTC day, a node name. */
    key: z.string(),
    calls: z.number().int(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    cost: costByCurrencySchema,
  })
  .meta({ id: 'AiUsageRow' });

export const aiUsageReportSchema = z
  .object({
    groupBy: z.enum(AI_USAGE_GROUPS),
    data: z.array(aiUsageRowSchema),
    total: aiUsageRowSchema.omit({ key: true }),
  })
  .meta({ id: 'AiUsageReport' });

export const aiUsageCallSchema = z
  .object({
    node: z.string(),
    provider: z.string(),
    model: z.string(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    latencyMs: z.number().int(),
    cost: z.number().nullable(),
    currency: z.string().nullable(),
    createdAt: timestampSchema,
  })
  .meta({ id: 'AiUsageCall' });

const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a UTC day, YYYY-MM-DD');
const currencySchema = z
  .string()
  .trim()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD or CNY');

export const aiPriceSchema = z
  .object({
    id: z.string(),
    /** Null: instance-wide (instance admins edit it); else this project's own price, which wins. */
    projectId: z.string().nullable(),
    /** Null: any provider serving the model. */
    provider: z.string().nullable(),
    model: z.string(),
    inputPerMillion: z.number(),
    outputPerMillion: z.number(),
    currency: z.string(),
    updatedAt: timestampSchema,
  })
  .meta({ id: 'AiPrice' });

const priceFields = {
  provider: z.string().trim().min(1).max(100).nullable().optional(),
  model: z.string().trim().min(1).max(200),
  inputPerMillion: z.number().min(0).max(1_000_000),
  outputPerMillion: z.number().min(0).max(1_000_000),
  currency: currencySchema,
};

export const aiBudgetSchema = z
  .object({
    projectId: z.string(),
    /** Null: no budget. */
    monthlyLimit: z.number().nullable(),
    currency: z.string(),
    /** The current UTC month, YYYY-MM. */
    month: z.string(),
    /** Spent this month in `currency`. */
    spent: z.number(),
  })
  .meta({ id: 'AiBudget' });

const tags = ['AI usage'] as const;

export const aiUsageRoutes = {
  report: defineRoute({
    method: 'GET',
    path: '/api/v1/ai/usage',
    operationId: 'aiUsageReport',
    summary: 'Model calls, tokens and cost, grouped by workflow, project, model, day or node',
    tags,
    query: z.object({
      groupBy: z.enum(AI_USAGE_GROUPS).default('model'),
      projectId: idSchema.optional(),
      workflowId: idSchema.optional(),
      from: daySchema.optional(),
      to: daySchema.optional(),
    }),
    response: aiUsageReportSchema,
    errors: [401, 403, 404],
  }),
  execution: defineRoute({
    method: 'GET',
    path: '/api/v1/executions/:id/ai-usage',
    operationId: 'executionAiUsage',
    summary: 'Every model call of one execution, and the totals per node',
    tags,
    params: idParamsSchema,
    response: z.object({ calls: z.array(aiUsageCallSchema), nodes: z.array(aiUsageRowSchema) }),
    errors: [401, 404],
  }),
  listPrices: defineRoute({
    method: 'GET',
    path: '/api/v1/ai/prices',
    operationId: 'listAiPrices',
    summary: 'The price table: instance-wide prices, and a project’s own when `projectId` is given',
    tags,
    query: z.object({ projectId: idSchema.optional() }),
    response: z.object({ data: z.array(aiPriceSchema) }),
    errors: [401, 404],
  }),
  createPrice: defineRoute({
    method: 'POST',
    path: '/api/v1/ai/prices',
    operationId: 'createAiPrice',
    summary: 'Add a price (instance-wide without `projectId`: instance admins only)',
    tags,
    body: z.object({ projectId: idSchema.nullable().optional(), ...priceFields }).strict(),
    response: aiPriceSchema,
    status: 201,
    errors: [401, 403, 404, 409],
  }),
  updatePrice: defineRoute({
    method: 'PATCH',
    path: '/api/v1/ai/prices/:id',
    operationId: 'updateAiPrice',
    summary: 'Change a price',
    tags,
    params: idParamsSchema,
    body: z
      .object({
        provider: priceFields.provider,
        model: priceFields.model.optional(),
        inputPerMillion: priceFields.inputPerMillion.optional(),
        outputPerMillion: priceFields.outputPerMillion.optional(),
        currency: currencySchema.optional(),
      })
      .strict(),
    response: aiPriceSchema,
    errors: [401, 403, 404, 409],
  }),
  deletePrice: defineRoute({
    method: 'DELETE',
    path: '/api/v1/ai/prices/:id',
    operationId: 'deleteAiPrice',
    summary: 'Delete a price',
    tags,
    params: idParamsSchema,
    status: 204,
    errors: [401, 403, 404],
  }),
  getBudget: defineRoute({
    method: 'GET',
    path: '/api/v1/projects/:id/ai-budget',
    operationId: 'getAiBudget',
    summary: 'A project’s monthly AI budget and what it spent this month',
    tags,
    params: idParamsSchema,
    response: aiBudgetSchema,
    errors: [401, 404],
  }),
  setBudget: defineRoute({
    method: 'PUT',
    path: '/api/v1/projects/:id/ai-budget',
    operationId: 'setAiBudget',
    summary: 'Set (or with `monthlyLimit: null` remove) a project’s monthly AI budget',
    description:
      'When the month’s cost in the budget’s currency reaches the limit, AI nodes of the project stop with AI_BUDGET_EXCEEDED before calling a model.',
    tags,
    params: idParamsSchema,
    body: z
      .object({ monthlyLimit: z.number().min(0).nullable(), currency: currencySchema.default('USD') })
      .strict(),
    response: aiBudgetSchema,
    errors: [401, 403, 404],
  }),
} as const;
