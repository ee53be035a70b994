import type { ActivatedWorkflow, TriggerRegistry } from '../../triggers.ts';
import type { ScheduleService } from '../schedules/schedule-service.ts';
import type { WebhookService } from '../webhooks/webhook-service.ts';
import type { InMemoryCredentialProvider } from './credential-provider.ts';
import type { EventTriggerService } from './event-trigger-service.ts';
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
  /** Listeners of event triggers (queues, pub/sub, mailboxes). */
  readonly events: EventTriggerService;
  /** Webhook auth credentials until issue 4 stores them (`GUIXU_CREDENTIALS`, or `set` in tests). */
  readonly credentials: InMemoryCredentialProvider;
  private readonly defaultRunner: () => ExecutionRunner;

  constructor(options: {
    webhooks: WebhookService;
    schedules: ScheduleService;
    events: EventTriggerService;
    credentials: InMemoryCredentialProvider;
    runner: () => ExecutionRunner;
  }) {
    this.webhooks = options.webhooks;
    this.schedules = options.schedules;
    this.events = options.events;
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
    const events = this.events.entriesFor(workflow);
    // Listeners open first: one that cannot connect (wrong password) refuses the activation.
    const wasListening = this.events.has(workflow.id);
    await this.events.activate(workflow, events);
    try {
      await this.webhooks.activate(workflow, hooks);
      await this.schedules.activate(workflow, ticks);
    } catch (error) {
      // A refused first activation leaves no listener behind.
      if (!wasListening) await this.events.deactivate(workflow.id);
      throw error;
    }
  }

  async deactivate(workflowId: string): Promise<void> {
    await this.webhooks.deactivate(workflowId);
    await this.schedules.deactivate(workflowId);
    await this.events.deactivate(workflowId);
  }
}
