import { z } from 'zod';
import { idParamsSchema } from '../common.ts';
import { defineRoute } from '../contract.ts';

export const workflowCallbackSecretSchema = z.object({
  /** Shown once: the server keeps it encrypted and never returns it again. */
  secret: z.string(),
  /** The header that carries `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
  header: z.string(),
});

export const workflowCallbackRoutes = {
  rotateSecret: defineRoute({
    method: 'POST',
    path: '/api/v1/workflows/:id/callback-secret',
    operationId: 'rotateWorkflowCallbackSecret',
    summary: 'Create or replace the secret that signs the workflow callbacks (returned once)',
    tags: ['Workflows'],
    params: idParamsSchema,
    response: workflowCallbackSecretSchema,
    errors: [404],
  }),
};
