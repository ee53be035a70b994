import type { EngineEvent, ResumeInput, RunState, WebhookResponse } from '@guixu/core';
import type { ExecutionInsert } from '../db/execution-writer.ts';
import type { ExecutionRow } from './execution-store.ts';
import type { ExecutionHandle, SaveDataPolicy } from './types.ts';

/**
 * Queue mode's seam in the runner (queue/dispatcher.ts implements it): a new
 * or resumed execution is saved and handed to a worker process instead of
 * running here. Absent, the runner runs everything itself.
 */
export interface RemoteExecutions {
  /** Saves the row and its start state, then queues it; rejects (503/429) when it cannot be accepted. */
  start(input: {
    row: ExecutionInsert;
    state: RunState;
    /** The run's save policy, applied once it ends (queue/unsaved.ts). */
    policy?: SaveDataPolicy;
    respondToWebhook?: (response: WebhookResponse) => void;
    onEvent?: (event: EngineEvent) => void;
  }): Promise<ExecutionHandle>;
  /** Queues a waiting execution this process has just claimed, with what resumes it. */
  resume(input: {
    row: ExecutionRow;
    /** The suspended state's `seq`: one resume job per suspension. */
    seq: number;
    input: ResumeInput;
    respondToWebhook?: (response: WebhookResponse) => void;
  }): Promise<ExecutionHandle>;
  /** Asks the worker running (or about to run) the execution to cancel it; resolves once it ended, or after a while. */
  cancel(executionId: string): Promise<void>;
}
