import type { Workflow } from '@guixu/core';

export interface ActivatedWorkflow {
  id: string;
  version: number;
  /** The validated document as stored. */
  workflow: Workflow;
}

/**
 * The seam between workflows and whatever fires them (webhooks, schedules,
 * event triggers). `activate` is called after validation when a workflow is
 * activated, when an active workflow is saved, and at start for every active
 * workflow; it throws a GuixuError (e.g. `WEBHOOK_PATH_TAKEN`) to refuse.
 */
export interface TriggerRegistry {
  activate(workflow: ActivatedWorkflow): Promise<void>;
  deactivate(workflowId: string): Promise<void>;
}

/** Until a trigger service is installed: activation succeeds and fires nothing. */
export const inertTriggers: TriggerRegistry = {
  async activate() {},
  async deactivate() {},
};
