import type {
  Checkpoint,
  CredentialRequest,
  SubWorkflowRequest,
  DataLimits,
  EngineEvent,
  NodeLogEntry,
  PlainError,
  ResumeInput,
  RunState,
  WebhookResponse,
  Workflow,
} from '@guixu/core';
import type { CodeSettings, KnowledgeBaseQuery, ModelPrice } from '@guixu/nodes';
import type { BinaryStoreSettings } from '../binary/settings.ts';
import type { AiCall } from './ai-services.ts';
import type { LookupRequest, LookupResponse, SandboxRunOptions } from './sandbox-types.ts';

/**
 * Messages between the main thread and an execution worker: plain JSON
 * objects (structured clone, no functions, no class instances). Calls from
 * the worker (credentials, sub-workflows, Code-node sandbox runs) carry a
 * `callId` the main thread answers with `reply`.
 */

export interface WorkerInit {
  dataDir: string;
  /** Where binary data goes (the data dir, or S3): the same store as the main thread's. */
  binaryStore?: BinaryStoreSettings;
  /** `$execution.resumeUrl` is this plus the execution id. */
  resumeUrlPrefix: string;
  meter: SharedArrayBuffer;
  cpuBudgetMs: number;
  dataLimits: DataLimits;
  code: CodeSettings;
  /** Instance default time zone (GUIXU_TIMEZONE). */
  timezone?: string;
}

/** What a worker asks the main thread for, by method. */
export type Call =
  | { method: 'credentials'; args: CredentialRequest }
  | { method: 'subWorkflow'; args: Omit<SubWorkflowRequest, 'signal'> }
  | { method: 'sandbox'; args: { job: SandboxRunOptions['job']; tenant?: string } }
  | { method: 'ai'; args: AiCall }
  | { method: 'knowledge'; args: KnowledgeBaseQuery }
  /** Whether the run may read the files of execution `owner` (runner/binary-access.ts). */
  | { method: 'binaryAccess'; args: { owner: string | undefined } };

export type ToWorker =
  | {
      type: 'run';
      executionId: string;
      slot: number;
      /** The worker runs it only if it takes the ticket up before the main thread takes it back. */
      ticket: number;
      /** The document, or only its key when this worker already has it. */
      workflowKey?: string;
      workflow?: Workflow;
      /** Keys the worker may forget (the main thread stopped tracking them). */
      evict?: string[];
      state: RunState;
      resumeInput?: ResumeInput;
      vars: Record<string, string>;
      /** The run's project: its Code-node runs share the sandbox pool as this tenant. */
      projectId: string | null;
      respond: boolean;
      /** Set when the run gets AI services (ai-services.ts): the price table of its project. */
      ai?: { prices: ModelPrice[] };
    }
  | { type: 'cancel'; executionId: string; reason: PlainError }
  | { type: 'reply'; callId: number; value?: unknown; error?: PlainError }
  | { type: 'sandboxLog'; callId: number; level: NodeLogEntry['level']; message: string }
  | { type: 'sandboxLookup'; callId: number; lookupId: number; request: LookupRequest };

export type WorkerMessage =
  | { type: 'checkpoint'; executionId: string; checkpoint: Checkpoint; ackId?: number }
  | { type: 'event'; executionId: string; event: EngineEvent }
  | { type: 'respond'; executionId: string; response: WebhookResponse }
  | { type: 'binaryWritten'; executionId: string }
  | { type: 'aiStream'; executionId: string; delta: string }
  | { type: 'finished'; executionId: string; error?: PlainError }
  | ({ type: 'call'; callId: number; executionId: string } & Call)
  | { type: 'abortCall'; callId: number }
  | { type: 'lookupResult'; callId: number; lookupId: number; response: LookupResponse };

/** The worker sends its messages in batches (one postMessage per turn of its event loop). */
export type FromWorker = { type: 'ready' } | { type: 'batch'; messages: WorkerMessage[] };
