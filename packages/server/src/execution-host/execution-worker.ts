import type { Worker } from 'node:worker_threads';
import { applyCheckpoint, toPlainError } from '@guixu/core';
import { projectTenant } from '@guixu/nodes';
import { workflowUsesAi } from './ai-services.ts';
import type { HostServices } from './host-services.ts';
import { MAX_SLOTS, MeterView, meterBuffer, nowMs } from './meter.ts';
import type { FromWorker, ToWorker, WorkerInit, WorkerMessage } from './protocol.ts';
import type { LookupResponse } from './sandbox-types.ts';
import { startWorkerThread } from './worker-entry.ts';
import type { WorkerJob } from './worker-job.ts';
import { errorFromPlain } from './worker-outbox.ts';

/** Stored documents a worker keeps, so a webhook's workflow crosses once, not per request. */
const MAX_CACHED_WORKFLOWS = 200;
/** A stretch of user logic this long marks the worker busy: new runs go elsewhere, queued ones move. */
const STALLED_AFTER_MS = 100;

export type DeathCause =
  | { kind: 'memory' }
  | { kind: 'cpu'; slot: number }
  | { kind: 'lost'; reason: string };

export interface ExecutionWorkerOptions {
  init: Omit<WorkerInit, 'meter'>;
  heapMb: number;
  services: HostServices;
  onExit(worker: ExecutionWorker, cause: DeathCause): void;
}

/** The main thread's handle on one execution worker thread and the runs it holds. */
export class ExecutionWorker {
  readonly meter: MeterView;
  readonly jobs = new Map<string, { job: WorkerJob; slot: number; ticket: number }>();
  ready = false;
  dying = false;
  /** Settles once the thread is ready (or gone). */
  readonly started: Promise<void>;
  private markStarted: () => void = () => {};
  private readonly thread: Worker;
  private readonly freeSlots: number[] = [];
  private readonly slotJobs = new Map<number, WorkerJob>();
  private readonly workflowKeys = new Set<string>();
  private readonly calls = new Map<number, AbortController>();
  private readonly lookups = new Map<string, (response: LookupResponse) => void>();
  private nextLookupId = 1;
  private lastTicket = 0;
  private killedFor: DeathCause | undefined;
  private outOfMemory = false;
  private failure: string | undefined;

  constructor(private readonly options: ExecutionWorkerOptions) {
    this.started = new Promise((resolve) => {
      this.markStarted = resolve;
    });
    const buffer = meterBuffer();
    this.meter = new MeterView(buffer);
    for (let slot = MAX_SLOTS - 1; slot >= 0; slot--) this.freeSlots.push(slot);
    this.thread = startWorkerThread({
      workerData: { ...options.init, meter: buffer } satisfies WorkerInit,
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb },
      stdout: false,
      stderr: false,
    });
    this.thread.unref();
    this.thread.on('message', (message: FromWorker) => this.receive(message));
    this.thread.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.outOfMemory = true;
      else this.failure = error.message;
    });
    this.thread.on('exit', (code) => this.exited(code));
  }

  get load(): number {
    return this.jobs.size;
  }

  /** Whether the worker is busy with one stretch of user logic (or blocked) right now. */
  stalled(at = nowMs()): boolean {
    if (!this.ready) return false;
    const current = this.meter.current;
    return (current >= 0 && at - this.meter.stretchStart > STALLED_AFTER_MS) || at - this.meter.tick > 1_000;
  }

  /** The job whose user logic runs in `slot` (the watchdog blames it). */
  jobInSlot(slot: number): WorkerJob | undefined {
    return this.slotJobs.get(slot);
  }

  dispatch(job: WorkerJob): boolean {
    const slot = this.freeSlots.pop();
    if (slot === undefined) return false;
    const { run } = job;
    this.meter.setUsed(slot, job.usedMs);
    this.lastTicket += 4;
    const ticket = this.lastTicket;
    this.meter.handOver(slot, ticket);
    this.jobs.set(run.executionId, { job, slot, ticket });
    this.slotJobs.set(slot, job);
    job.attempts++;
    const message: Extract<ToWorker, { type: 'run' }> = {
      type: 'run',
      executionId: run.executionId,
      slot,
      ticket,
      state: run.state,
      vars: run.vars,
      projectId: run.projectId,
      respond: run.respondToWebhook !== undefined,
    };
    this.attachWorkflow(message, run.workflowKey, job);
    const ai = workflowUsesAi(run.workflow) ? this.options.services.ai?.() : undefined;
    if (ai) message.ai = { prices: ai.prices(run.projectId) };
    // A resume not yet recorded is resumed again; past it, the run continues from its state.
    if (run.resumeInput && run.state.status === 'waiting') message.resumeInput = run.resumeInput;
    this.post(message);
    if (run.signal.aborted) this.cancel(run.executionId, run.signal.reason);
    else
      run.signal.addEventListener('abort', () => this.cancel(run.executionId, run.signal.reason), {
        once: true,
      });
    return true;
  }

  /** Takes back the runs this worker has not taken up yet (it is stuck), for another worker. */
  takeBackQueued(): WorkerJob[] {
    const taken: WorkerJob[] = [];
    for (const [executionId, entry] of this.jobs) {
      if (!this.meter.revoke(entry.slot, entry.ticket)) continue;
      this.release(executionId);
      entry.job.attempts--;
      taken.push(entry.job);
    }
    return taken;
  }

  kill(cause: DeathCause): void {
    if (this.dying) return;
    this.dying = true;
    this.killedFor = cause;
    void this.thread.terminate();
  }

  private attachWorkflow(
    message: Extract<ToWorker, { type: 'run' }>,
    key: string | undefined,
    job: WorkerJob,
  ): void {
    if (key === undefined) {
      message.workflow = job.run.workflow;
      return;
    }
    message.workflowKey = key;
    if (this.workflowKeys.has(key)) return;
    message.workflow = job.run.workflow;
    this.workflowKeys.add(key);
    if (this.workflowKeys.size > MAX_CACHED_WORKFLOWS) {
      const oldest = this.workflowKeys.values().next().value;
      if (oldest !== undefined) {
        this.workflowKeys.delete(oldest);
        message.evict = [oldest];
      }
    }
  }

  private cancel(executionId: string, reason: unknown): void {
    if (!this.jobs.has(executionId) || this.dying) return;
    this.post({ type: 'cancel', executionId, reason: toPlainError(reason, 'EXECUTION_CANCELED') });
  }

  private post(message: ToWorker): void {
    if (!this.dying) this.thread.postMessage(message);
  }

  private receive(message: FromWorker): void {
    if (message.type === 'ready') {
      this.ready = true;
      this.markStarted();
      return;
    }
    for (const entry of message.messages) this.handle(entry);
  }

  private handle(message: WorkerMessage): void {
    switch (message.type) {
      case 'checkpoint': {
        const job = this.jobs.get(message.executionId)?.job;
        if (!job) return;
        applyCheckpoint(job.run.state, message.checkpoint);
        const committed = job.run.onCheckpoint(message.checkpoint);
        const ackId = message.ackId;
        if (ackId !== undefined)
          void Promise.resolve(committed).then(() => this.post({ type: 'reply', callId: ackId }));
        return;
      }
      case 'event':
        this.jobs.get(message.executionId)?.job.run.onEvent(message.event);
        return;
      case 'respond':
        this.jobs.get(message.executionId)?.job.run.respondToWebhook?.(message.response);
        return;
      case 'binaryWritten':
        this.options.services.binaryWritten(message.executionId);
        return;
      case 'aiStream':
        if (this.jobs.has(message.executionId))
          this.options.services.ai?.()?.stream(message.executionId, message.delta);
        return;
      case 'finished':
        this.finish(message.executionId, message.error);
        return;
      case 'call':
        void this.serve(message);
        return;
      case 'abortCall':
        this.calls.get(message.callId)?.abort();
        return;
      case 'lookupResult':
        this.lookups.get(`${message.callId}:${message.lookupId}`)?.(message.response);
    }
  }

  private finish(executionId: string, error: Parameters<typeof errorFromPlain>[0] | undefined): void {
    const entry = this.jobs.get(executionId);
    if (!entry) return;
    this.release(executionId);
    if (error) entry.job.reject(errorFromPlain(error));
    else entry.job.resolve();
  }

  /** Forgets a job (finished here, or moved away with the dead worker). */
  release(executionId: string): void {
    const entry = this.jobs.get(executionId);
    if (!entry) return;
    entry.job.usedMs = this.meter.used(entry.slot);
    this.jobs.delete(executionId);
    this.slotJobs.delete(entry.slot);
    this.meter.setUsed(entry.slot, 0);
    this.freeSlots.push(entry.slot);
  }

  private async serve(message: Extract<WorkerMessage, { type: 'call' }>): Promise<void> {
    const controller = new AbortController();
    this.calls.set(message.callId, controller);
    try {
      const value = await this.answer(message, controller.signal);
      this.post({ type: 'reply', callId: message.callId, value });
    } catch (error) {
      this.post({ type: 'reply', callId: message.callId, error: toPlainError(error) });
    } finally {
      this.calls.delete(message.callId);
    }
  }

  private answer(message: Extract<WorkerMessage, { type: 'call' }>, signal: AbortSignal): Promise<unknown> {
    const services = this.options.services;
    const job = this.jobs.get(message.executionId)?.job;
    switch (message.method) {
      case 'credentials':
        // The project is the main thread's record of the run, never what the worker says.
        if (!job) return Promise.reject(new Error('The execution is not running on this worker'));
        return services.credentials(job.run.projectId).get(message.args);
      case 'subWorkflow': {
        const runner = services.subWorkflows();
        if (!runner) return Promise.reject(new Error('This server runs no sub-workflows'));
        if (!job) return Promise.reject(new Error('The execution is not running on this worker'));
        return runner.run({ ...message.args, signal });
      }
      case 'ai': {
        const ai = services.ai?.();
        if (!ai) return Promise.reject(new Error('This server has no AI services'));
        if (!job) return Promise.reject(new Error('The execution is not running on this worker'));
        const { run } = job;
        return ai.serve(
          { executionId: run.executionId, projectId: run.projectId, workflowId: run.workflow.id ?? null },
          message.args,
        );
      }
      case 'knowledge': {
        const knowledge = services.knowledge?.();
        if (!knowledge) return Promise.reject(new Error('This server has no knowledge bases'));
        if (!job) return Promise.reject(new Error('The execution is not running on this worker'));
        // The project is the main thread's record of the run, never what the worker says.
        const { run } = job;
        return knowledge.search(
          { executionId: run.executionId, projectId: run.projectId, workflowId: run.workflow.id ?? null },
          message.args,
          signal,
        );
      }
      case 'binaryAccess':
        // Decided on the main thread from its record of the run, never from what the worker says.
        if (!job) return Promise.reject(new Error('The execution is not running on this worker'));
        return job.run.binaryAllowed
          ? job.run.binaryAllowed(message.args.owner)
          : Promise.resolve(message.args.owner === job.run.executionId);
      case 'sandbox':
        // The tenant is the main thread's record of the run's project when the call names its run.
        return services.sandbox.run({
          job: message.args.job,
          ...tenantOf(job, message.args.tenant),
          signal,
          onLog: (level, text) =>
            this.post({ type: 'sandboxLog', callId: message.callId, level, message: text }),
          onLookup: (request) =>
            new Promise<LookupResponse>((resolve) => {
              const lookupId = this.nextLookupId++;
              const key = `${message.callId}:${lookupId}`;
              this.lookups.set(key, (response) => {
                this.lookups.delete(key);
                resolve(response);
              });
              this.post({ type: 'sandboxLookup', callId: message.callId, lookupId, request });
            }),
        });
    }
  }

  private exited(code: number): void {
    this.dying = true;
    this.markStarted();
    for (const controller of this.calls.values()) controller.abort();
    this.calls.clear();
    for (const resolve of this.lookups.values()) resolve({ ok: false, message: 'The worker stopped' });
    this.lookups.clear();
    const cause: DeathCause =
      this.killedFor ??
      (this.outOfMemory
        ? { kind: 'memory' }
        : { kind: 'lost', reason: this.failure ?? `the thread exited with code ${code}` });
    this.options.onExit(this, cause);
  }
}

function tenantOf(job: WorkerJob | undefined, asked: string | undefined): { tenant?: string } {
  if (job) return { tenant: projectTenant(job.run.projectId) };
  return asked === undefined ? {} : { tenant: asked };
}
