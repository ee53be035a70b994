import type {
  BinaryStore,
  EngineEvent,
  ExecutionMode,
  ExecutionStatus,
  Item,
  JsonObject,
  PlainError,
  ResumeInput,
  RunState,
  WebhookResponse,
  Workflow,
} from '@guixu/core';

export type SaveDataPolicy = 'all' | 'errors' | 'none';

export interface StartExecutionRequest {
  /** The snapshot to run (validated). */
  workflow: Workflow;
  workflowId?: string;
  workflowVersion?: number;
  /** The workflow's project (credentials, `$vars`); default: looked up from `workflowId`. */
  projectId?: string | null;
  mode: ExecutionMode;
  /** Preallocated id (e.g. binary data was stored for it before the start); default: a new id. */
  executionId?: string;
  triggerNode?: string;
  triggerItems?: Item[];
  destination?: string;
  pinData?: Record<string, Item[]>;
  parentExecutionId?: string;
  retryOf?: string;
  /** Retry-from-failed: reuse these outputs before `node`. */
  retryFrom?: { node: string; previousRunData: RunState['runData'] };
  /** Summary shown in listings (node, kind, method/path…). */
  trigger?: JsonObject;
  /** Default: workflow.settings.saveDataPolicy ?? 'all'. */
  saveDataPolicy?: SaveDataPolicy;
  /** Passed to nodes as services.respondToWebhook. */
  respondToWebhook?: (response: WebhookResponse) => void;
  onEvent?: (event: EngineEvent) => void;
}

export interface ExecutionHandle {
  executionId: string;
  /** The final state (or `waiting` when the execution suspended). Never rejects. */
  finished: Promise<RunState>;
  /** Settles once the execution's row is committed (at once when the save policy writes nothing yet). */
  saved?: Promise<void>;
}

export interface ExecutionRunner {
  /** Throws GuixuError `EXECUTION_QUEUE_FULL` (HTTP 429 with Retry-After) when the pending queue is full. */
  start(request: StartExecutionRequest): Promise<ExecutionHandle>;
  /** Continues a waiting execution; `EXECUTION_NOT_FOUND` (404), `EXECUTION_NOT_WAITING` (409). */
  resume(executionId: string, input: ResumeInput): Promise<ExecutionHandle>;
  /** Stops a running, queued or waiting execution; it ends `canceled`. */
  cancel(executionId: string): Promise<void>;
  /** A new execution id (to store request binary data before `start`). */
  newExecutionId(): string;
  /** The binary store nodes use; data put with `executionId` is deleted with the execution. */
  readonly binary: BinaryStore;
  /** `binary` as execution `executionId` may read it: its own files, its project's, its parent's or children's. */
  binaryFor(executionId: string): BinaryStore;
}

/** What push clients and metrics observe; `workflowId` lets clients filter by workflow. */
export type RunnerEvent =
  | {
      type: 'executionStarted';
      executionId: string;
      workflowId: string | null;
      mode: ExecutionMode;
      startedAt: string;
    }
  | {
      type: 'nodeStarted';
      executionId: string;
      workflowId: string | null;
      node: string;
      runIndex: number;
    }
  | {
      type: 'nodeFinished';
      executionId: string;
      workflowId: string | null;
      node: string;
      runIndex: number;
      status: string;
      executionTime: number;
      itemCounts: number[];
      /** First item of output 0, cut to a few hundred characters. */
      sample?: string;
      error?: PlainError;
    }
  | {
      type: 'executionFinished';
      executionId: string;
      workflowId: string | null;
      status: ExecutionStatus;
      error?: PlainError;
    }
  | {
      type: 'executionWaiting';
      executionId: string;
      workflowId: string | null;
      node: string;
      waitTill: string | null;
    };
