import type { PlainError } from '../errors.ts';
import type { JsonObject } from '../items.ts';
import type { ExecutionStatus } from '../run-data.ts';
import type { Workflow, WorkflowNode } from '../workflow/schema.ts';

/**
 * Event triggers: a node whose `trigger.kind` is `'event'` declares `listen`.
 * The server calls it when the workflow is activated, keeps the returned
 * listener open while the workflow is active, closes it on deactivation and
 * shutdown, and opens a new one after a backoff when the listener reports its
 * connection lost (`ctx.fail`). Listeners run in the server, not in an
 * execution: each `emit` starts one execution.
 */

/** Bytes a listener received (a message body, an attachment): stored with the execution it starts. */
export interface EventBinary {
  data: Uint8Array;
  mimeType?: string;
  fileName?: string;
}

/** One item a listener emits: JSON, and binary properties as raw bytes (the server stores them). */
export interface EventItem {
  json: JsonObject;
  binary?: Record<string, EventBinary>;
}

/** How the execution started by an `emit` ended. */
export interface EmitOutcome {
  /** `notStarted`: the execution could not start (queue full, shutdown); the event was not handled. */
  status: ExecutionStatus | 'notStarted';
  /** True when the event was handled: the execution succeeded, or was suspended (its state is stored). */
  ok: boolean;
  executionId?: string;
  error?: PlainError;
}

export interface EmitOptions {
  /**
   * Called once when the execution ends (or failed to start): acknowledge the
   * message when `outcome.ok`, give it back to the broker otherwise. A listener
   * that acknowledges on receipt does so before `emit` and passes no `onDone`.
   */
  onDone?(outcome: EmitOutcome): void | Promise<void>;
}

export interface EventTriggerContext<P = Record<string, unknown>> {
  readonly node: WorkflowNode;
  readonly workflow: Workflow;
  readonly workflowId: string;
  /** Validated parameters (event trigger parameters are static: expressions are refused at activation). */
  readonly params: P;
  /** Aborted when the listener is being closed. */
  readonly signal: AbortSignal;
  /** Decrypted data of the credential in `slot`, from the workflow's project. */
  credentials<T extends Record<string, unknown> = Record<string, unknown>>(slot: string): Promise<T>;
  /** Starts one execution with `items` as the trigger's output; resolves once it started (or could not). */
  emit(items: EventItem[], options?: EmitOptions): Promise<void>;
  /**
   * The connection dropped or the listener cannot go on: the server closes it
   * and calls `listen` again after a backoff. Safe to call more than once.
   */
  fail(error: unknown): void;
  /**
   * A problem with one event that does not end the listener (a malformed
   * message): logged and shown as the listener's last error.
   */
  reportError(error: unknown): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, details?: Record<string, unknown>): void;
}

/** An open listener; `close` releases every connection it holds (and must not throw). */
export interface EventListener {
  close(): Promise<void> | void;
}
