import {
  createEngine,
  type CredentialProvider,
  type Engine,
  type EngineEvent,
  type EngineOptions,
  GuixuError,
  graphOf,
  type NodeRegistry,
  type NodeServices,
  type ResumeInput,
  type RunState,
  systemClock,
  toPlainError,
  type WebhookResponse,
  type Workflow,
  workflowSchema,
} from '@guixu/core';
import type { Database } from '../db/dialect.ts';
import type { ExecutionInsert } from '../db/execution-writer.ts';
import { notFound } from '../http/http-errors.ts';
import { RunnerEvents } from './events.ts';
import { ExecutionQueue, type QueueJob } from './execution-queue.ts';
import { type ExecutionRow, ExecutionStore, insertOf } from './execution-store.ts';
import type { RunnerMetrics } from './metrics.ts';
import { cancelWaitingExecution } from './cancel-waiting.ts';
import { newExecutionId as randomExecutionId } from './execution-id.ts';
import { assertResumableBy, type PreparedResume, prepareResume } from './resume.ts';
import { runnerEventOf } from './runner-events.ts';
import type { ProjectContext } from './project-context.ts';
import { ExecutionRecorder } from './recorder.ts';
import type { TrackedBinaryStore } from './tracked-binary-store.ts';
import type { ExecutionHandle, ExecutionRunner, SaveDataPolicy, StartExecutionRequest } from './types.ts';

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
}

/** What the runner knows about one execution it is running or has queued. */
export interface ActiveExecution {
  id: string;
  projectId: string | null;
  workflow: Workflow;
  workflowId: string | null;
  state: RunState;
  recorder: ExecutionRecorder;
  engine: Engine;
  abort: AbortController;
  job: QueueJob;
  resumeInput?: ResumeInput;
  /** Set once it left the queue. */
  started: boolean;
  onEvent?: (event: EngineEvent) => void;
  resolve(state: RunState): void;
  finished: Promise<RunState>;
}

export type { PreparedResume };

export interface FinishedExecution {
  state: RunState;
  workflow: Workflow;
  workflowId: string | null;
  saved: boolean;
  retryOf?: string;
}

/**
 * Runs executions in this process with the engine: bounded by the queue,
 * persisted through the recorder, observed through `events`.
 */
export class InProcessRunner implements ExecutionRunner {
  readonly events = new RunnerEvents();
  readonly queue: ExecutionQueue;
  readonly binary: TrackedBinaryStore;
  private readonly active = new Map<string, ActiveExecution>();
  private readonly engine: Engine;
  private readonly engineOptions: EngineOptions;
  private readonly finishListeners = new Set<(finished: FinishedExecution) => void>();
  private readonly retryOf = new Map<string, string>();
  private stopping = false;
  readonly store: ExecutionStore;

  constructor(private readonly options: RunnerOptions) {
    this.store = new ExecutionStore(options.database);
    this.queue = new ExecutionQueue({
      maxConcurrency: options.maxConcurrency,
      maxPending: options.maxPending,
    });
    this.binary = options.binary;
    const services: NodeServices = { ...options.services, binary: options.binary, clock: systemClock };
    this.engineOptions = {
      registry: options.registry,
      services,
      credentials: {
        get: (request) =>
          this.credentialsFor(this.active.get(request.executionId)?.projectId ?? null).get(request),
      },
      resumeUrl: (id) => this.resumeUrl(id),
    };
    this.engine = createEngine(this.engineOptions);
  }

  get instanceId(): string {
    return this.options.instanceId;
  }

  /** Node services shared by every execution (the sub-workflow runner is set here after construction). */
  get services(): NodeServices {
    return this.engineOptions.services;
  }

  /** Credentials a run in `projectId` may use (the Wait node's resume authentication reads them too). */
  credentialsFor(projectId: string | null): CredentialProvider {
    return {
      get: (request) => {
        const projects = this.options.projects;
        if (!projects) {
          return Promise.reject(
            new GuixuError('CREDENTIALS_UNAVAILABLE', 'This server has no credential store', {
              node: request.node,
              audience: 'operator',
            }),
          );
        }
        return projects.credentialsFor(projectId).get(request);
      },
    };
  }

  resumeUrl(executionId: string): string {
    return `${this.options.publicUrl}/webhook-waiting/${executionId}`;
  }

  newExecutionId(): string {
    return randomExecutionId();
  }

  isActive(executionId: string): boolean {
    return this.active.has(executionId);
  }

  activeIds(): string[] {
    return [...this.active.keys()];
  }

  /** Called with every execution that ended or suspended (error workflows, tests). */
  onFinished(listener: (finished: FinishedExecution) => void): () => void {
    this.finishListeners.add(listener);
    return () => this.finishListeners.delete(listener);
  }

  async start(
    request: StartExecutionRequest,
    options: { bypassQueue?: boolean } = {},
  ): Promise<ExecutionHandle> {
    this.assertAccepting();
    const workflow = request.workflow;
    const executionId = request.executionId ?? randomExecutionId();
    const projects = this.options.projects;
    const projectId =
      request.projectId !== undefined
        ? request.projectId
        : request.workflowId !== undefined && projects
          ? await projects.projectOf(request.workflowId)
          : null;
    const vars = projects ? await projects.varsFor(projectId) : {};
    const engine = this.engineFor(request.respondToWebhook, vars);
    const state = engine.start(workflow, {
      executionId,
      mode: request.mode,
      ...(request.triggerNode === undefined ? {} : { triggerNode: request.triggerNode }),
      ...(request.triggerItems === undefined ? {} : { triggerItems: request.triggerItems }),
      ...(request.pinData === undefined ? {} : { pinData: request.pinData }),
      ...(request.destination === undefined ? {} : { destination: request.destination }),
      ...(request.parentExecutionId === undefined ? {} : { parentExecutionId: request.parentExecutionId }),
      ...(request.retryFrom === undefined ? {} : { retryFrom: request.retryFrom }),
    });
    const limit = workflow.settings?.concurrencyLimit;
    const workflowId = request.workflowId ?? null;
    const job: QueueJob = { run: () => this.execute(executionId) };
    if (workflowId !== null && limit !== undefined) {
      job.workflowKey = workflowId;
      job.limit = limit;
    }
    let admission: 'start' | 'queue' = 'start';
    if (!options.bypassQueue) {
      try {
        admission = this.queue.admit(job);
      } catch (error) {
        // A refused execution never runs: files a webhook stored for it go now.
        void this.deleteUnsavedBinary(executionId);
        throw error;
      }
    }
    const now = new Date().toISOString();
    const row: ExecutionInsert = {
      id: executionId,
      projectId,
      workflowId,
      workflowVersion: request.workflowVersion ?? null,
      // A document that is not stored is kept with its execution, so it can be resumed and shown.
      ...(workflowId === null ? { workflowData: workflow } : {}),
      status: admission === 'start' ? 'running' : 'new',
      mode: request.mode,
      trigger: request.trigger ?? null,
      parentExecutionId: request.parentExecutionId ?? null,
      retryOf: request.retryOf ?? null,
      startedAt: admission === 'start' ? state.startedAt : null,
      instanceId: this.options.instanceId,
      createdAt: now,
    };
    const policy: SaveDataPolicy = request.saveDataPolicy ?? workflow.settings?.saveDataPolicy ?? 'all';
    const recorder = new ExecutionRecorder({
      writer: this.options.database.executions,
      policy,
      row,
      onWriteError: (error) =>
        this.options.log.error({ err: error, executionId }, 'could not save execution'),
    });
    let saved = recorder.begin(state);
    const active = this.track({
      id: executionId,
      projectId,
      workflow,
      workflowId,
      state,
      recorder,
      engine,
      job,
    });
    if (request.onEvent) active.onEvent = request.onEvent;
    if (request.retryOf !== undefined) this.retryOf.set(executionId, request.retryOf);
    if (options.bypassQueue) this.queue.runNow(job);
    else if (this.queue.submit(job) === 'queued') saved = recorder.persistNow();
    return { executionId, finished: active.finished, saved };
  }

  /** Runs an execution rebuilt from the database (resume after a wait, crash recovery). */
  async adopt(input: {
    state: RunState;
    workflow: Workflow;
    row: ExecutionRow;
    resumeInput?: ResumeInput;
    respondToWebhook?: (response: WebhookResponse) => void;
  }): Promise<ExecutionHandle> {
    const { state, workflow, row } = input;
    const vars = this.options.projects ? await this.options.projects.varsFor(row.project_id) : {};
    const recorder = new ExecutionRecorder({
      writer: this.options.database.executions,
      policy: 'all',
      row: insertOf(row),
      existing: true,
      onWriteError: (error) =>
        this.options.log.error({ err: error, executionId: row.id }, 'could not save execution'),
    });
    const job: QueueJob = { run: () => this.execute(row.id) };
    const engine = this.engineFor(input.respondToWebhook, vars);
    const workflowId = row.workflow_id;
    const active = this.track({
      id: row.id,
      projectId: row.project_id,
      workflow,
      workflowId,
      state,
      recorder,
      engine,
      job,
    });
    if (input.resumeInput) active.resumeInput = input.resumeInput;
    if (row.retry_of !== null) this.retryOf.set(row.id, row.retry_of);
    this.queue.enqueue(job);
    return { executionId: row.id, finished: active.finished };
  }

  /** The document an execution runs: its own snapshot, or the stored workflow version. */
  async workflowOf(row: ExecutionRow): Promise<Workflow> {
    if (row.workflow_data !== null) {
      const parsed = workflowSchema.safeParse(this.options.database.adapter.readJson(row.workflow_data));
      if (parsed.success) return parsed.data;
      throw new GuixuError('EXECUTION_DATA_CORRUPT', `Stored workflow of execution ${row.id} is unreadable`, {
        audience: 'operator',
        details: { executionId: row.id },
      });
    }
    if (row.workflow_id === null) {
      throw new GuixuError('EXECUTION_DATA_CORRUPT', `Execution ${row.id} has no workflow`, {
        audience: 'operator',
        details: { executionId: row.id },
      });
    }
    return (await this.options.loadWorkflow(row.workflow_id, row.workflow_version)).workflow;
  }

  async resume(
    executionId: string,
    input: ResumeInput,
    options: { respondToWebhook?: (response: WebhookResponse) => void } = {},
  ): Promise<ExecutionHandle> {
    return this.resumePrepared(await this.prepareResume(executionId), input, options);
  }

  /** Loads a waiting execution for a resume (404 unknown, 409 not waiting). */
  prepareResume(executionId: string): Promise<PreparedResume> {
    this.assertAccepting();
    return prepareResume(this, executionId);
  }

  /** Claims the execution (one caller wins: `EXECUTION_ALREADY_RESUMED`, 409) and continues it. */
  async resumePrepared(
    prepared: PreparedResume,
    input: ResumeInput,
    options: { respondToWebhook?: (response: WebhookResponse) => void } = {},
  ): Promise<ExecutionHandle> {
    const { row, state, workflow } = prepared;
    assertResumableBy(prepared, input.reason);
    this.queue.admit({});
    if (!(await this.store.claimWaiting(row.id, this.options.instanceId))) {
      throw new GuixuError('EXECUTION_ALREADY_RESUMED', `Execution ${row.id} was already resumed`, {
        details: { executionId: row.id },
      });
    }
    return this.adopt({
      state,
      workflow,
      row: { ...row, status: 'running', instance_id: this.options.instanceId },
      resumeInput: input,
      ...(options.respondToWebhook ? { respondToWebhook: options.respondToWebhook } : {}),
    });
  }

  /** Cancels a running or queued execution of this process; false when it is not here. */
  async cancelActive(executionId: string): Promise<boolean> {
    const active = this.active.get(executionId);
    if (!active) return false;
    active.abort.abort(new GuixuError('EXECUTION_CANCELED', 'The execution was canceled'));
    if (!active.started && this.queue.remove(active.job)) void this.execute(executionId);
    await active.finished;
    return true;
  }

  /**
   * Cancels a running or queued execution of this process, or a waiting one
   * in the database. `EXECUTION_NOT_FOUND` (404); `EXECUTION_NOT_RUNNING`
   * (409) when it already ended or runs in another process.
   */
  async cancel(executionId: string): Promise<void> {
    if (await this.cancelActive(executionId)) return;
    const row = await this.store.findRow(executionId);
    if (!row) throw notFound('execution', executionId);
    if (row.status === 'waiting' && (await cancelWaitingExecution(this.store, executionId))) {
      this.events.emit({
        type: 'executionFinished',
        executionId,
        workflowId: row.workflow_id,
        status: 'canceled',
      });
      return;
    }
    const now = (await this.store.findRow(executionId))?.status ?? row.status;
    throw new GuixuError(
      'EXECUTION_NOT_RUNNING',
      now === 'running' || now === 'new'
        ? `Execution ${executionId} runs in another process (or is about to be recovered) and cannot be canceled here`
        : `Execution ${executionId} already ended (status ${now})`,
      { details: { executionId, status: now } },
    );
  }

  /** Stops taking new executions (shutdown). */
  stopAccepting(): void {
    this.stopping = true;
  }

  /** Waits until nothing runs, or `timeoutMs` passed; returns the ids still running. */
  async drain(timeoutMs: number): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.active.size > 0 && Date.now() < deadline) {
      const running = [...this.active.values()].filter((a) => a.started).map((a) => a.finished);
      if (running.length === 0) break;
      let timer: NodeJS.Timeout | undefined;
      const wait = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
      });
      await Promise.race([Promise.race(running), wait]);
      clearTimeout(timer);
    }
    return [...this.active.keys()];
  }

  /**
   * Leaves every execution still here to crash recovery: queued ones never
   * start, running ones stop writing (their checkpoints so far are saved).
   */
  async detachAll(): Promise<void> {
    this.queue.takePending();
    for (const active of [...this.active.values()]) {
      active.recorder.detach();
      if (!active.started) {
        // It never ran here: its caller gets the state as it is (`new`), the next start runs it.
        this.active.delete(active.id);
        active.resolve(active.state);
        continue;
      }
      active.abort.abort(new GuixuError('INSTANCE_STOPPING', 'The server is shutting down'));
    }
    await this.options.database.executions.flush();
  }

  private assertAccepting(): void {
    if (this.stopping) {
      throw new GuixuError('EXECUTIONS_UNAVAILABLE', 'The server is shutting down; try again shortly', {
        retryable: true,
        retryAfterMs: 5000,
        audience: 'operator',
      });
    }
  }

  private engineFor(
    respondToWebhook: ((response: WebhookResponse) => void) | undefined,
    vars: Record<string, string>,
  ): Engine {
    const hasVars = Object.keys(vars).length > 0;
    if (!respondToWebhook && !hasVars) return this.engine;
    // Respond to Webhook answers this execution's request only, and `$vars` are the project's.
    return createEngine({
      ...this.engineOptions,
      ...(hasVars ? { vars } : {}),
      services: respondToWebhook
        ? { ...this.engineOptions.services, respondToWebhook }
        : this.engineOptions.services,
    });
  }

  private track(base: Omit<ActiveExecution, 'abort' | 'started' | 'resolve' | 'finished'>): ActiveExecution {
    let resolve: (state: RunState) => void = () => {};
    const finished = new Promise<RunState>((r) => {
      resolve = r;
    });
    const active: ActiveExecution = {
      ...base,
      abort: new AbortController(),
      started: false,
      resolve,
      finished,
    };
    this.active.set(base.id, active);
    return active;
  }

  private async execute(executionId: string): Promise<void> {
    const active = this.active.get(executionId);
    if (!active) return;
    const { state, recorder, workflow } = active;
    active.started = true;
    recorder.running(this.options.instanceId, new Date().toISOString());
    this.events.emit({
      type: 'executionStarted',
      executionId,
      workflowId: active.workflowId,
      mode: state.mode,
      startedAt: state.startedAt,
    });
    const runOptions = {
      signal: active.abort.signal,
      onCheckpoint: (checkpoint: Parameters<ExecutionRecorder['checkpoint']>[0]) => {
        const committed = recorder.checkpoint(checkpoint);
        return committed && !this.nextIsReplaySafe(active) ? committed : undefined;
      },
      onEvent: (event: EngineEvent) => this.onEngineEvent(active, event),
    };
    try {
      if (active.resumeInput) await active.engine.resume(workflow, state, active.resumeInput, runOptions);
      else await active.engine.run(workflow, state, runOptions);
    } catch (error) {
      // engine.resume refuses a state it cannot continue; the execution ends as failed.
      state.status = 'error';
      state.error = toPlainError(error);
      state.finishedAt = new Date().toISOString();
      this.events.emit({
        type: 'executionFinished',
        executionId,
        workflowId: active.workflowId,
        status: 'error',
        error: state.error,
      });
    }
    await recorder.finish(state);
    this.active.delete(executionId);
    this.options.metrics?.executionEnded(state.status, state.mode);
    if (!recorder.saved) {
      void this.deleteUnsavedBinary(executionId);
    }
    const retryOf = this.retryOf.get(executionId);
    this.retryOf.delete(executionId);
    const finished: FinishedExecution = {
      state,
      workflow,
      workflowId: active.workflowId,
      saved: recorder.saved,
      ...(retryOf === undefined ? {} : { retryOf }),
    };
    for (const listener of this.finishListeners) {
      try {
        listener(finished);
      } catch (error) {
        this.options.log.error({ err: error, executionId }, 'execution finish listener failed');
      }
    }
    active.resolve(state);
  }

  /**
   * Whether the node that runs next may run again after a crash without harm:
   * a data node (Set, Code, Filter…) only computes, so its checkpoint need not
   * be committed before it starts. Before any other node (HTTP Request, a
   * database, Execute Workflow…) the previous checkpoint is committed first,
   * so a crash re-runs only the node that was running. A finished execution
   * awaits its final write anyway. Webhook → Set therefore never waits for the
   * database between nodes.
   */
  private nextIsReplaySafe(active: ActiveExecution): boolean {
    const { state, workflow } = active;
    if (state.status !== 'running' && state.status !== 'new') return true;
    const next = state.stack[0]?.node ?? state.waiting[0]?.node;
    if (next === undefined) return true;
    const node = graphOf(workflow).node(next);
    if (!node) return true;
    return this.options.registry.find(node.type, node.typeVersion)?.group === 'data';
  }

  private async deleteUnsavedBinary(executionId: string): Promise<void> {
    try {
      await this.options.binary.deleteIfWritten(executionId);
    } catch (error) {
      this.options.log.warn(
        { err: error, executionId },
        'could not delete binary data of an unsaved execution',
      );
    }
  }

  private onEngineEvent(active: ActiveExecution, event: EngineEvent): void {
    active.onEvent?.(event);
    const metrics = this.options.metrics;
    if (metrics && event.type === 'nodeFinished') {
      const record = active.state.runData[event.node]?.[event.runIndex];
      const type = graphOf(active.workflow).node(event.node)?.type ?? 'unknown';
      if (record) metrics.nodeFinished(type, event.status, record.executionTime / 1000);
    }
    if (this.events.observed) this.events.emit(runnerEventOf(event, active.workflowId, active.state));
  }
}
