import type { Feature } from '../../context.ts';
import { registerErrorStatus } from '../../http/http-errors.ts';
import { webhookCredentials } from '../credentials/webhook-credentials.ts';
import { ScheduleService } from '../schedules/schedule-service.ts';
import { WebhookService } from '../webhooks/webhook-service.ts';
import { InMemoryCredentialProvider } from './credential-provider.ts';
import { EventTriggerService } from './event-trigger-service.ts';
import { TriggerService } from './trigger-service.ts';

registerErrorStatus('WEBHOOK_UNAUTHORIZED', 401);
registerErrorStatus('WEBHOOK_FORBIDDEN', 403);
registerErrorStatus('WEBHOOK_CREDENTIAL_UNAVAILABLE', 500);
registerErrorStatus('WEBHOOK_NO_RESPONSE', 500);
registerErrorStatus('WEBHOOK_NO_BINARY', 500);
registerErrorStatus('EXECUTION_FAILED', 500);
registerErrorStatus('WEBHOOK_INVALID', 400);
registerErrorStatus('SCHEDULE_INVALID', 400);
registerErrorStatus('TRIGGER_INVALID', 400);

/** Installs the trigger registry: webhooks and schedules of active workflows. */
export const feature: Feature = {
  name: 'triggers',
  order: 30,
  setup(ctx) {
    const credentials = InMemoryCredentialProvider.fromEnv(process.env);
    const runner = () => triggers.runner();
    // Looked up per call: the workflows and credentials features are set up after this one.
    // The project comes from the runner's project context, cached as for runs.
    const credentialsFor = webhookCredentials({
      projectOf: (id) =>
        ctx.services
          .get('executions')
          .projectOfWorkflow(
            id,
            async (workflowId) =>
              (await ctx.services.get('workflows').get(workflowId, { includeDeleted: true })).projectId,
          ),
      stored: (projectId) => ctx.services.get('credentials').providerFor({ projectId }),
      fallback: credentials,
    });
    const webhooks = new WebhookService({
      database: ctx.database,
      registry: ctx.registry,
      credentials,
      credentialsFor,
      runner,
      publicUrl: ctx.config.webhookUrl,
      log: ctx.log,
    });
    const schedules = new ScheduleService({
      database: ctx.database,
      registry: ctx.registry,
      runner,
      log: ctx.log,
      missed: ctx.config.schedules.missed,
      loadActive: async (id) => {
        const workflows = ctx.services.get('workflows');
        const record = await workflows.get(id).catch(() => undefined);
        if (!record?.active) return undefined;
        const { tags: _tags, ...document } = await workflows.export(id);
        return { id, version: record.version, workflow: { ...document, id } };
      },
    });
    const events = new EventTriggerService({ registry: ctx.registry, runner, credentialsFor, log: ctx.log });
    const triggers = new TriggerService({
      webhooks,
      schedules,
      events,
      credentials,
      runner: () => ctx.services.get('executions'),
    });
    ctx.triggers = triggers;
    ctx.services.provide('triggers', triggers);
    ctx.lifecycle.onShutdown({ name: 'schedules', phase: 'drain', run: () => schedules.stop() });
    ctx.lifecycle.onShutdown({ name: 'event triggers', phase: 'drain', run: () => events.stop() });
    ctx.lifecycle.onShutdown({ name: 'test webhooks', phase: 'drain', run: () => webhooks.test.stopAll() });
  },
  start(ctx) {
    const triggers = ctx.services.get('triggers');
    triggers.schedules.start();
    // Not awaited: a broker that is slow to answer never holds up the server's start.
    triggers.events
      .start()
      .catch((error: unknown) => ctx.log.error({ err: error }, 'event triggers failed to start'));
  },
};
