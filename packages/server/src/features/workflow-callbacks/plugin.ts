import { workflowCallbackRoutes } from '@guixu/api';
import { z } from 'zod';
import type { Feature, ServerContext } from '../../context.ts';
import { route } from '../../http/route.ts';
import type { RunnerEvent } from '../../runner/types.ts';
import { CallbackDelivery } from './delivery.ts';
import { newCallbackSecret, SIGNATURE_HEADER } from './signature.ts';
import { CallbackStore } from './store.ts';

/**
 * Workflow callbacks (issue 13): a workflow's settings may name
 * `callbacks.successUrl` and `callbacks.failureUrl`; when one of its executions
 * finishes, a signed JSON payload is queued in the database and POSTed there,
 * retried with backoff until delivered (also after a restart).
 */
const callbackSettings = z.object({
  callbacks: z
    .object({ successUrl: z.string().url().optional(), failureUrl: z.string().url().optional() })
    .optional(),
});

const FINAL = new Set(['success', 'error', 'canceled']);

/** One outbox per server (tests run several in one process). */
const outboxes = new WeakMap<ServerContext, { store: CallbackStore; delivery: CallbackDelivery }>();

export const feature: Feature = {
  name: 'workflow-callbacks',
  order: 150,
  setup(ctx) {
    const store = new CallbackStore(ctx.database, ctx.services.get('security').cipher);
    const delivery = new CallbackDelivery(
      store,
      {
        baseDelayMs: ctx.config.callbacks.retryBaseMs,
        maxAttempts: ctx.config.callbacks.maxAttempts,
        timeoutMs: 10_000,
      },
      ctx.log,
    );
    outboxes.set(ctx, { store, delivery });
    ctx.lifecycle.onShutdown({ name: 'workflow callbacks', phase: 'drain', run: () => delivery.stop() });
    if (ctx.config.queue?.role === 'worker') return;
    ctx.services.get('executions').events.subscribe((event: RunnerEvent) => {
      if (event.type !== 'executionFinished' || !event.workflowId || !FINAL.has(event.status)) return;
      const workflowId = event.workflowId;
      void (async () => {
        const settings = callbackSettings.safeParse(await store.settingsOf(workflowId));
        const callbacks = settings.success ? settings.data.callbacks : undefined;
        const url = event.status === 'success' ? callbacks?.successUrl : callbacks?.failureUrl;
        if (!url) return;
        const payload = JSON.stringify({
          event: event.status === 'success' ? 'execution.succeeded' : 'execution.failed',
          workflowId,
          executionId: event.executionId,
          status: event.status,
          finishedAt: new Date().toISOString(),
          ...(event.error ? { error: { code: event.error.code, message: event.error.message } } : {}),
        });
        const queued = await store.enqueue({ workflowId, executionId: event.executionId, url, payload });
        if (queued) delivery.schedule(queued);
      })().catch((error: unknown) => ctx.log.warn({ err: error }, 'workflow callback not queued'));
    });
  },
  routes(app, ctx) {
    route(
      app,
      ctx.contracts,
      workflowCallbackRoutes.rotateSecret,
      { resource: 'workflow', action: 'update' },
      async ({ params }) => {
        const secret = newCallbackSecret();
        await outboxes.get(ctx)?.store.setSecret(params.id, secret);
        return { secret, header: SIGNATURE_HEADER };
      },
    );
  },
  async start(ctx) {
    // Queue workers run executions only; the main sends the callbacks.
    if (ctx.config.queue?.role === 'worker') return;
    await outboxes.get(ctx)?.delivery.resume();
  },
};
