import {
  connectionsSchema,
  workflowNodeSchema,
  workflowSchema,
  workflowSettingsSchema,
} from '@guixu/core/workflow-schema';
import { z } from 'zod';
import { defineRoute } from './contract.ts';
import { idParamsSchema, idSchema, timestampSchema } from './common.ts';

/** One method + path a workflow listens on. */
export const webhookInfoSchema = z
  .object({
    method: z.string(),
    path: z.string(),
    url: z.string(),
    workflowId: z.string(),
    node: z.string(),
  })
  .meta({ id: 'Webhook' });
export type WebhookInfo = z.infer<typeof webhookInfoSchema>;

export const listWebhooksQuerySchema = z.object({ workflowId: idSchema.optional() });
export const webhookListSchema = z.object({ data: z.array(webhookInfoSchema) }).meta({ id: 'WebhookList' });

/** The editor's current document (may be unsaved); absent parts come from the stored workflow. */
export const listenTestWebhookBodySchema = z
  .object({
    workflow: z
      .object({
        name: z.string().optional(),
        nodes: z.array(workflowNodeSchema).max(2000),
        connections: connectionsSchema.default({}),
        settings: workflowSettingsSchema.optional(),
        pinData: workflowSchema.shape.pinData,
      })
      .optional(),
    /** How long to listen for the call; default 120 s. */
    timeoutSeconds: z.number().int().min(1).max(3600).default(120),
  })
  .strict()
  .meta({ id: 'ListenTestWebhook' });

export const testWebhookListenerSchema = z
  .object({
    workflowId: z.string(),
    expiresAt: timestampSchema,
    webhooks: z.array(webhookInfoSchema),
  })
  .meta({ id: 'TestWebhookListener' });

const tags = ['Webhooks'] as const;

export const webhookRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/v1/webhooks',
    operationId: 'listWebhooks',
    summary: 'List the webhooks of active workflows',
    description: 'Production webhooks (`/webhook/<path>`), optionally of one workflow.',
    tags,
    query: listWebhooksQuerySchema,
    response: webhookListSchema,
  }),
  listen: defineRoute({
    method: 'POST',
    path: '/api/v1/workflows/:id/webhook-test/listen',
    operationId: 'listenTestWebhook',
    summary: 'Listen for one test webhook call',
    description:
      'Registers the webhooks of the given (possibly unsaved) document under `/webhook-test/<path>` until the first call or the timeout. The call runs the document once in manual mode.',
    tags,
    params: idParamsSchema,
    body: listenTestWebhookBodySchema,
    response: testWebhookListenerSchema,
    errors: [404, 409],
  }),
  stopListening: defineRoute({
    method: 'DELETE',
    path: '/api/v1/workflows/:id/webhook-test/listen',
    operationId: 'stopTestWebhook',
    summary: 'Stop listening for a test webhook call',
    tags,
    params: idParamsSchema,
    status: 204,
  }),
};
