import { z } from 'zod';
import type { Feature } from '../../context.ts';
import { ConfigError } from '../../config.ts';
import { registerErrorStatus } from '../../http/http-errors.ts';
import { type MissedTickPolicy, ScheduleService } from '../schedules/schedule-service.ts';
import { WebhookService } from '../webhooks/webhook-service.ts';
import { InMemoryCredentialProvider } from './credential-provider.ts';
import { TriggerService } from './trigger-service.ts';

registerErrorStatus('WEBHOOK_UNAUTHORIZED', 401);
registerErrorStatus('WEBHOOK_FORBIDDEN', 403);
registerErrorStatus('WEBHOOK_CREDENTIAL_UNAVAILABLE', 500);
registerErrorStatus('WEBHOOK_NO_RESPONSE', 500);
registerErrorStatus('WEBHOOK_NO_BINARY', 500);
registerErrorStatus('EXECUTION_FAILED', 500);
registerErrorStatus('WEBHOOK_INVALID', 400);
registerErrorStatus('SCHEDULE_INVALID', 400);

const missedSchema = z.enum(['skip', 'fireOnce']);

/** `GUIXU_SCHEDULE_MISSED`: 'skip' (default) or 'fireOnce'. */
export function missedTickPolicy(env: Record<string, string | undefined>): MissedTickPolicy {
  const raw = env.GUIXU_SCHEDULE_MISSED?.trim();
  if (raw === undefined || raw === '') return 'skip';
  const parsed = missedSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError([
      { variable: 'GUIXU_SCHEDULE_MISSED', value: raw, message: 'must be "skip" or "fireOnce"' },
    ]);
  }
  return parsed.data;
}

/** Installs the trigger registry: webhooks and schedules of active workflows. */
export const feature: Feature = {
  name: 'triggers',
  order: 30,
  setup(ctx) {
    const credentials = InMemoryCredentialProvider.fromEnv(process.env);
    const runner = () => triggers.runner();
    const webhooks = new WebhookService({
      database: ctx.database,
      registry: ctx.registry,
      credentials,
      runner,
      publicUrl: ctx.config.publicUrl,
      log: ctx.log,
    });
    const schedules = new ScheduleService({
      database: ctx.database,
      registry: ctx.registry,
      runner,
      log: ctx.log,
      missed: missedTickPolicy(process.env),
      loadActive: async (id) => {
        const workflows = ctx.services.get('workflows');
        const record = await workflows.get(id).catch(() => undefined);
        if (!record?.active) return undefined;
        const { tags: _tags, ...document } = await workflows.export(id);
        return { id, version: record.version, workflow: { ...document, id } };
      },
    });
    const triggers = new TriggerService({
      webhooks,
      schedules,
      credentials,
      runner: () => ctx.services.get('executions'),
    });
    ctx.triggers = triggers;
    ctx.services.provide('triggers', triggers);
    ctx.lifecycle.onShutdown({ name: 'schedules', phase: 'drain', run: () => schedules.stop() });
    ctx.lifecycle.onShutdown({ name: 'test webhooks', phase: 'drain', run: () => webhooks.test.stopAll() });
  },
  start(ctx) {
    ctx.services.get('triggers').schedules.start();
  },
};
