import type { Checkpoint, EngineEvent, ResumeInput, RunState, WebhookResponse, Workflow } from '@guixu/core';

/**
 * One execution handed to a host. The host runs the engine on it and keeps
 * `state` (the runner's copy) true by applying every checkpoint before
 * `onCheckpoint` sees it: whatever thread ran the node, the runner holds the
 * same state the engine had after each step.
 */
export interface HostedRun {
  executionId: string;
  workflow: Workflow;
  /** `<workflow id>@<version>` when the document is a stored version (a host may cache it). */
  workflowKey?: string;
  state: RunState;
  resumeInput?: ResumeInput;
  projectId: string | null;
  vars: Record<string, string>;
  signal: AbortSignal;
  respondToWebhook?: (response: WebhookResponse) => void;
  /** Whether the run may read files of the execution `owner` (runner/binary-access.ts); absent: its own only. */
  binaryAllowed?(owner: string | undefined): Promise<boolean>;
  /** Saves the checkpoint; a promise when it is written as it happens (settles once committed). */
  onCheckpoint(checkpoint: Checkpoint): Promise<void> | undefined;
  onEvent(event: EngineEvent): void;
}

/**
 * Where executions run: the seam between the runner (queue, recorder, events,
 * on the HTTP thread) and the engine. `WorkerPoolHost` runs them in worker
 * threads with hard limits; `InlineHost` on the calling thread (embedding with
 * a custom node registry). A queue-mode worker process is the same seam fed
 * with execution ids from the queue.
 */
export interface ExecutionHost {
  /** Resolves when the engine stopped (ended, waiting, canceled); rejects when the run could not continue. */
  run(run: HostedRun): Promise<void>;
  /**
   * Starts what the first execution needs (server start) so it does not wait
   * for it; with `all`, everything the host may use. Resolves once ready.
   */
  prewarm(all?: boolean): Promise<void>;
  close(): Promise<void>;
}
