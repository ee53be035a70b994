import type { BinaryRef, Item } from './items.ts';
import type { Workflow } from './workflow/schema.ts';

/**
 * Ports: the only way side effects enter the core. Adapters (file system,
 * database, HTTP, sandbox) live outside `packages/core`.
 */

export interface BinaryWriteMeta {
  mimeType: string;
  fileName?: string;
  /** Binary data is grouped by execution so it can be deleted with it. */
  executionId?: string;
}

export interface BinaryStore {
  put(data: Uint8Array | AsyncIterable<Uint8Array>, meta: BinaryWriteMeta): Promise<BinaryRef>;
  get(ref: BinaryRef | string): Promise<Uint8Array>;
  stream(ref: BinaryRef | string): AsyncIterable<Uint8Array>;
  deleteExecution(executionId: string): Promise<void>;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface SubWorkflowRequest {
  /** A stored workflow (by id), or a workflow document given inline / from a file. */
  workflow: { id?: string; document?: Workflow; path?: string };
  items: Item[];
  /** Wait for the child to finish and return its last node's items. */
  wait: boolean;
  /** The calling node's run (`runIndex`) and, in "once per item" mode, the item (`itemIndex`). */
  parent: { executionId: string; workflowId?: string; node: string; runIndex?: number; itemIndex?: number };
  signal?: AbortSignal;
}

export interface SubWorkflowResult {
  executionId: string;
  /** The child's final items when `wait` was set. */
  items?: Item[];
  /**
   * Set when `wait` was set and the child suspended (a Wait): the caller suspends too,
   * and the host resumes it (reason `subworkflow`) once the child ended.
   */
  waiting?: true;
}

export interface SubWorkflowRunner {
  run(request: SubWorkflowRequest): Promise<SubWorkflowResult>;
}

export interface CredentialRequest {
  /** Reference from the node (`node.credentials[slot]`). */
  ref: { id?: string | null; name: string };
  /** Expected credential type. */
  type: string;
  node: string;
  executionId: string;
}

/** Gives decrypted credential data to the one node that asked for it. */
export interface CredentialProvider {
  get(request: CredentialRequest): Promise<Record<string, unknown>>;
}

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** What a Respond to Webhook node asks the server to answer. */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body:
    | { kind: 'json'; value: unknown }
    | { kind: 'text'; value: string }
    | { kind: 'binary'; ref: BinaryRef }
    | { kind: 'redirect'; location: string }
    | { kind: 'none' };
}
