import { type BodyOf, webhookRoutes } from '@guixu/api';
import { GuixuError, validateWorkflow, type Workflow } from '@guixu/core';
import type { FastifyInstance } from 'fastify';
import type { Feature, ServerContext } from '../../context.ts';
import { route } from '../../http/route.ts';
import type { Actor } from '../../security/policy.ts';
import { rateLimitHook } from '../../security/rate-limit.ts';
import { requireActor } from '../../security/require-access.ts';
import type { WebhookService } from './webhook-service.ts';

/** `/webhook/*` and `/webhook-test/*` take any body: the webhook decides how to read it. */
async function webhookEndpoints(
  scope: FastifyInstance,
  webhooks: WebhookService,
  perMinute: number,
): Promise<void> {
  // Public (each Webhook node authenticates its callers), so only counted per client address.
  const limit = rateLimitHook(scope, 'webhook', perMinute);
  if (limit !== undefined) scope.addHook('onRequest', limit);
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  scope.all('/webhook/*', (request, reply) => webhooks.handle('production', request, reply));
  scope.all('/webhook-test/*', (request, reply) => webhooks.handle('test', request, reply));
}

async function listen(
  ctx: ServerContext,
  id: string,
  body: BodyOf<typeof webhookRoutes.listen>,
  actor: Actor,
) {
  const record = await ctx.services.get('workflows').get(id, { actor });
  const given = body.workflow;
  const document: Workflow = {
    id,
    name: given?.name ?? record.name,
    nodes: given?.nodes ?? record.nodes,
    connections: given?.connections ?? record.connections,
    settings: given?.settings ?? record.settings,
    ...(given?.pinData ? { pinData: given.pinData } : record.pinData ? { pinData: record.pinData } : {}),
  };
  const { errors, workflow } = validateWorkflow(document, ctx.registry);
  if (errors.length > 0 || !workflow) {
    const first = errors[0];
    throw new GuixuError(
      'WORKFLOW_INVALID',
      `Cannot listen for a test call: ${first?.node ? `node "${first.node}": ` : ''}${first?.message ?? 'invalid workflow'}`,
      { details: { errors } },
    );
  }
  const webhooks = ctx.services.get('triggers').webhooks;
  const entries = webhooks.entriesFor({ id, version: record.version, workflow });
  if (entries.length === 0) {
    throw new GuixuError('WEBHOOK_INVALID', 'The workflow has no enabled Webhook node to listen with');
  }
  const { expiresAt } = webhooks.test.listen(id, entries, body.timeoutSeconds * 1000);
  return {
    workflowId: id,
    expiresAt,
    webhooks: entries.map((e) => ({
      method: e.method,
      path: e.path,
      url: webhooks.url('test', e.path),
      workflowId: id,
      node: e.node.name,
    })),
  };
}

export const feature: Feature = {
  name: 'webhooks',
  order: 31,
  async routes(app, ctx) {
    const webhooks = ctx.services.get('triggers').webhooks;
    const perMinute = ctx.services.get('security').settings.webhookRateLimit;
    await app.register(async (scope) => webhookEndpoints(scope, webhooks, perMinute));
    const c = ctx.contracts;
    route(
      app,
      c,
      webhookRoutes.list,
      { resource: 'workflow', action: 'read' },
      async ({ query, request }) => ({
        data: (await webhooks.store.list(query.workflowId, await requireActor(ctx, request))).map((w) => ({
          method: w.method,
          path: w.path,
          url: webhooks.url('production', w.path),
          workflowId: w.workflowId,
          node: w.nodeName,
        })),
      }),
    );
    route(
      app,
      c,
      webhookRoutes.listen,
      { resource: 'workflow', action: 'execute' },
      async ({ params, body, request }) => listen(ctx, params.id, body, await requireActor(ctx, request)),
    );
    route(app, c, webhookRoutes.stopListening, { resource: 'workflow', action: 'execute' }, ({ params }) => {
      webhooks.test.stop(params.id);
    });
  },
};
