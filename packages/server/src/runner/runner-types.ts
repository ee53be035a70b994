import type {
  CredentialProvider,
  DataLimits,
  EngineEvent,
  NodeRegistry,
  NodeServices,
  ResumeInput,
  RunState,
  WebhookResponse,
  Workflow,
} from '@guixu/core';
import type { Database } from '../db/dialect.ts';
import type { ExecutionHost } from '../execution-host/host.ts';
import type { QueueJob } from './execution-queue.ts';
import type { RunnerMetrics } from './metrics.ts';
import type { ProjectContext } from './project-context.ts';
import type { ExecutionRecorder } from './recorder.ts';
import type { TrackedBinaryStore } from './tracked-binary-store.ts';

export interface RunnerLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface LoadedWorkflow {
  workflow: Workflow;
  version: number | null;
}

export interface RunnerOptions {
  database: Database;
  registry: NodeRegistry;
  binary: TrackedBinaryStore;
  log: RunnerLogger;
  instanceId: string;
  /** Base of `$execution.resumeUrl`. */
  publicUrl: string;
  maxConcurrency: number;
  maxPending: number;
  /** Loads the document an execution ran (a stored version, or the latest when `version` is null). */
  loadWorkflow(id: string, version: number | null): Promise<LoadedWorkflow>;
  /** Extra services for nodes (the Code node's sandbox pool, …). */
  services?: Record<string, unknown>;
  metrics?: RunnerMetrics;
  /** Project, `$vars` and credentials of runs (absent: no credentials, no variables). */
  projects?: ProjectContext;
  /**
   * Where the engine runs (default: on this thread, `InlineHost`). The server
   * hands in its worker pool (`createExecutionHost`), built with `hostServices`.
   */
  host?: (runner: HostServicesSource) => ExecutionHost;
  /** Run data size limits (engine defaults when absent). */
  dataLimits?: DataLimits;
  /** Instance default time zone of expressions (GUIXU_TIMEZONE; workflow settings win). */
  timezone?: string;
}

/** What a host needs from the runner to serve runs on other threads. */
export interface HostServicesSource {
  credentialsFor(projectId: string | null): CredentialProvider;
  resumeUrl(executionId: string): string;
  readonly services: NodeServices;
  readonly binary: TrackedBinaryStore;
}

/** What the runner knows about one execution it is running or has queued. */
export interface ActiveExecution {
  id: string;
  projectId: string | null;
  workflow: Workflow;
  workflowId: string | null;
  state: RunState;
  recorder: ExecutionRecorder;
  /** `<workflow id>@<version>` when the document is a stored version. */
  workflowKey?: string;
  vars: Record<string, string>;
  respondToWebhook?: (response: WebhookResponse) => void;
  abort: AbortController;
  job: QueueJob;
  resumeInput?: ResumeInput;
  /** Set once it left the queue. */
  started: boolean;
  onEvent?: (event: EngineEvent) => void;
  resolve(state: RunState): void;
  finished: Promise<RunState>;
}

export interface FinishedExecution {
  state: RunState;
  workflow: Workflow;
  workflowId: string | null;
  /** The project the run acted in (its credentials and variables). */
  projectId: string | null;
  saved: boolean;
  retryOf?: string;
}
