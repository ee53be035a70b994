import type {
  BinaryRef,
  BinaryStore,
  BinaryWriteMeta,
  CredentialProvider,
  SubWorkflowRequest,
  SubWorkflowResult,
  SubWorkflowRunner,
} from '@guixu/core';
import { SandboxPool } from '@guixu/nodes';
import { createBinaryStore } from '../binary/create-binary-store.ts';
import type { WorkerInit } from './protocol.ts';
import type { LookupRequest, SandboxOutcome, SandboxRunOptions } from './sandbox-types.ts';
import type { WorkerOutbox } from './worker-outbox.ts';

/**
 * The Code-node sandbox as a worker sees it: every run goes to the main
 * thread's one pool of sandbox processes (one per server process, shared by
 * all workers), with its logs and `$('Node')` lookups relayed back here.
 */
export class ProxySandboxPool extends SandboxPool {
  private readonly runs = new Map<number, SandboxRunOptions>();

  constructor(private readonly outbox: WorkerOutbox) {
    super();
  }

  override async run(options: SandboxRunOptions): Promise<SandboxOutcome> {
    let id = 0;
    try {
      return await this.outbox.call<SandboxOutcome>(
        '',
        {
          method: 'sandbox',
          args: { job: options.job, ...(options.tenant === undefined ? {} : { tenant: options.tenant }) },
        },
        options.signal,
        (callId) => {
          id = callId;
          this.runs.set(callId, options);
        },
      );
    } finally {
      this.runs.delete(id);
    }
  }

  log(callId: number, level: Parameters<SandboxRunOptions['onLog']>[0], message: string): void {
    this.runs.get(callId)?.onLog(level, message);
  }

  async lookup(callId: number, lookupId: number, request: LookupRequest): Promise<void> {
    const run = this.runs.get(callId);
    let response: Awaited<ReturnType<SandboxRunOptions['onLookup']>>;
    try {
      response = run ? await run.onLookup(request) : { ok: false, message: 'The run ended' };
    } catch (error) {
      response = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    this.outbox.send({ type: 'lookupResult', callId, lookupId, response });
    this.outbox.flush();
  }

  override prewarm(): Promise<void> {
    return Promise.resolve();
  }

  override close(): void {}
}

/** Credentials come from the main thread, checked there against the execution's project. */
export function proxyCredentials(outbox: WorkerOutbox): CredentialProvider {
  return {
    get: (request) =>
      outbox.call<Record<string, unknown>>(request.executionId, { method: 'credentials', args: request }),
  };
}

/** Execute Workflow starts its child through the main thread's runner (queue, project checks, records). */
export function proxySubWorkflows(outbox: WorkerOutbox): SubWorkflowRunner {
  return {
    run(request: SubWorkflowRequest): Promise<SubWorkflowResult> {
      const { signal, ...args } = request;
      return outbox.call<SubWorkflowResult>(
        request.parent.executionId,
        { method: 'subWorkflow', args },
        signal,
      );
    },
  };
}

/**
 * Binary data goes straight to the store (data dir or S3) from the worker; the main thread
 * is told which executions stored something (it deletes the files of unsaved runs).
 */
export function workerBinaryStore(
  init: Pick<WorkerInit, 'dataDir' | 'binaryStore'>,
  outbox: WorkerOutbox,
): BinaryStore {
  const store = createBinaryStore(init.binaryStore, init.dataDir);
  return {
    put(data: Uint8Array | AsyncIterable<Uint8Array>, meta: BinaryWriteMeta): Promise<BinaryRef> {
      if (meta.executionId) outbox.send({ type: 'binaryWritten', executionId: meta.executionId });
      return store.put(data, meta);
    },
    get: (ref) => store.get(ref),
    stream: (ref) => store.stream(ref),
    deleteExecution: (executionId) => store.deleteExecution(executionId),
  };
}
