import type { ActivatedWorkflow, TriggerRegistry } from '../../triggers.ts';
import type { ScheduleService } from '../schedules/schedule-service.ts';
import type { WebhookService } from '../webhooks/webhook-service.ts';
import type { InMemoryCredentialProvider } from './credential-provider.ts';
import type { ExecutionRunner } from '../../runner/types.ts';

/**
 * The TriggerRegistry workflow activation calls: every trigger of a workflow
 * is checked first (bad parameters, taken paths) and then registered, so a
 * refused activation leaves the previous registration in place.
 */
export class TriggerService implements TriggerRegistry {
  private runnerOverride: ExecutionRunner | undefined;

  readonly webhooks: WebhookService;
  readonly schedules: ScheduleService;
  /** Webhook auth credentials until issue 4 stores them (`GUIXU_CREDENTIALS`, or `set` in tests). */
  readonly credentials: InMemoryCredentialProvider;
  private readonly defaultRunner: () => ExecutionRunner;

  constructor(options: {
    webhooks: WebhookService;
    schedules: ScheduleService;
    credentials: InMemoryCredentialProvider;
    runner: () => ExecutionRunner;
  }) {
    this.webhooks = options.webhooks;
    this.schedules = options.schedules;
    this.credentials = options.credentials;
    this.defaultRunner = options.runner;
  }

  /** The runner triggers start executions with (tests and embedders may replace it). */
  runner(): ExecutionRunner {
    return this.runnerOverride ?? this.defaultRunner();
  }

  useRunner(runner: ExecutionRunner | undefined): void {
    this.runnerOverride = runner;
  }

  async activate(workflow: ActivatedWorkflow): Promise<void> {
    const hooks = this.webhooks.entriesFor(workflow);
    const ticks = this.schedules.entriesFor(workflow);
    await this.webhooks.activate(workflow, hooks);
    await this.schedules.activate(workflow, ticks);
  }

  async deactivate(workflowId: string): Promise<void> {
    await this.webhooks.deactivate(workflowId);
    await this.schedules.deactivate(workflowId);
  }
}
