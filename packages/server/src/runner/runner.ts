import {
  applyCheckpoint,
  type BinaryStore,
  createEngine,
  failCheckpoint,
  type PlainError,
  type CredentialProvider,
  type Engine,
  type EngineEvent,
  type EngineOptions,
  GuixuError,
  graphOf,
  type NodeServices,
  type ResumeInput,
  type RunState,
  systemClock,
  toPlainError,
  type WebhookResponse,
  type Workflow,
} from '@guixu/core';
import type { ExecutionHost } from '../execution-host/host.ts';
import { InlineHost } from '../execution-host/inline-host.ts';
import { notFound } from '../http/http-errors.ts';
import { RunnerEvents } from './events.ts';
import { ExecutionQueue, type QueueJob } from './execution-queue.ts';
import { type ExecutionRow, ExecutionStore, insertOf } from './execution-store.ts';
import { cancelWaitingExecution } from './cancel-waiting.ts';
import { newExecutionId as randomExecutionId } from './execution-id.ts';
import { assertResumableBy, type PreparedResume, prepareResume } from './resume.ts';
import { runnerEventOf } from './runner-events.ts';
import { ExecutionRecorder } from './recorder.ts';
import type { RemoteExecutions } from './remote-executions.ts';
import { BinaryAccess, type ExecutionFacts, guardedBinaryStore } from './binary-access.ts';
import type { TrackedBinaryStore } from './tracked-binary-store.ts';
import type { ExecutionHandle, ExecutionRunner, SaveDataPolicy, StartExecutionRequest } from './types.ts';

import { ActiveRuns } from './active-runs.ts';
import { startRow } from './start-row.ts';
import { loadStaticData, saveStaticData, staticDataToSave, usesStaticData } from './static-data-store.ts';
import { FinishListeners } from './finish-listeners.ts';
import type { ActiveExecution, FinishedExecution, RunnerOptions } from './runner-types.ts';
import { workflowOfRow } from './workflow-of.ts';
import { SubWorkflowWaits } from './subworkflow-waits.ts';

export type {
  ActiveExecution,
  FinishedExecution,
  LoadedWorkflow,
  RunnerLogger,
  RunnerOptions,
} from './runner-types.ts';
export type { PreparedResume };

/**
 * Runs executions in this process with the engine: bounded by the queue,
 * persisted through the recorder, observed through `events`.
 */
export class InProcessRunner implements ExecutionRunner {
  readonly events = new RunnerEvents();
  readonly queue: ExecutionQueue;
  readonly binary: TrackedBinaryStore;
  private readonly active = new ActiveRuns();
  /** Builds start states here (no user logic runs in `start`); runs go to the host. */
  private readonly engine: Engine;
  private readonly engineOptions: EngineOptions;
  private readonly host: ExecutionHost;
  private readonly finishListeners = new FinishListeners();
  private readonly retryOf = new Map<string, string>();
  private stopping = false;
  /** Queue mode: new and resumed executions go to worker processes (queue/). */
  private remote: RemoteExecutions | undefined;
  readonly store: ExecutionStore;
  /** Parents waiting at Execute Workflow for a child that suspended (the waiting feature listens). */
  readonly subWorkflowWaits: SubWorkflowWaits;
  /** Which executions' files a run may read (pinned data and Code output can name any file). */
  readonly binaryAccess: BinaryAccess;

  constructor(private readonly options: RunnerOptions) {
    this.store = new ExecutionStore(options.database);
    this.subWorkflowWaits = new SubWorkflowWaits(this, options.database, options.log);
    this.binaryAccess = new BinaryAccess(async (id) => {
      const active = this.active.get(id);
      if (active) return factsOf(active);
      const row = await this.store.findRow(id);
      return row ? { projectId: row.project_id, parentExecutionId: row.parent_execution_id } : undefined;
    });
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
      ...(options.dataLimits ? { dataLimits: options.dataLimits } : {}),
      ...(options.timezone ? { timezone: options.timezone } : {}),
    };
    this.engine = createEngine(this.engineOptions);
    this.host = options.host ? options.host(this) : new InlineHost(this.engineOptions);
  }

  /** Stops the host (its worker threads); after `detachAll`, nothing runs any more. */
  close(): Promise<void> {
    return this.host.close();
  }

  /** Starts what the first execution needs (a worker thread; with `all`, every one); resolves once ready. */
  prewarm(all = false): Promise<void> {
    return this.host.prewarm(all);
  }

  /** Queue mode: executions this process starts or resumes run in worker processes from now on. */
  sendTo(remote: RemoteExecutions): void {
    this.remote = remote;
  }

  /** True in queue mode (crash recovery is then the queue's: stalled jobs go to another worker). */
  get remoteMode(): boolean {
    return this.remote !== undefined;
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

  /**
   * The project of a stored workflow through the runs' cached project context, or
   * `lookup` when this runner has none (a runner built without a project context).
   */
  projectOfWorkflow(
    workflowId: string,
    lookup: (id: string) => Promise<string | null>,
  ): Promise<string | null> {
    return this.options.projects ? this.options.projects.projectOf(workflowId) : lookup(workflowId);
  }

  /** The binary store as an execution's answer may read it: its own files, or its project's. */
  binaryFor(executionId: string): BinaryStore {
    return guardedBinaryStore(this.binary, (owner) => this.binaryAccess.allowedFor(executionId, owner));
  }

  /** The project a running execution acts in; undefined when it is not running here. */
  projectOfRun(executionId: string): string | null | undefined {
    return this.active.get(executionId)?.projectId;
  }

  /** Called with every execution that ended or suspended (error workflows, tests). */
  onFinished(listener: (finished: FinishedExecution) => void): () => void {
    return this.finishListeners.add(listener);
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
    const staticData =
      request.workflowId === undefined || !usesStaticData(workflow)
        ? undefined
        : await loadStaticData(this.options.database, request.workflowId);
    const state = this.engine.start(workflow, {
      executionId,
      mode: request.mode,
      ...(request.triggerNode === undefined ? {} : { triggerNode: request.triggerNode }),
      ...(request.triggerItems === undefined ? {} : { triggerItems: request.triggerItems }),
      ...(request.trigger === undefined ? {} : { trigger: request.trigger }),
      ...(staticData === undefined ? {} : { staticData }),
      ...(request.pinData === undefined ? {} : { pinData: request.pinData }),
      ...(request.destination === undefined ? {} : { destination: request.destination }),
      ...(request.parentExecutionId === undefined ? {} : { parentExecutionId: request.parentExecutionId }),
      ...(request.retryFrom === undefined ? {} : { retryFrom: request.retryFrom }),
    });
    const limit = workflow.settings?.concurrencyLimit;
    const workflowId = request.workflowId ?? null;
    const policy: SaveDataPolicy = request.saveDataPolicy ?? workflow.settings?.saveDataPolicy ?? 'all';
    // A child its waiting parent needs (bypassQueue) runs here, in the parent's worker.
    if (this.remote && !options.bypassQueue) {
      const facts = { executionId, projectId, workflowId, startedAt: state.startedAt };
      return this.remote.start({
        row: { ...startRow(request, { ...facts, admission: 'queue', instanceId: '' }), instanceId: null },
        state,
        policy,
        ...(request.respondToWebhook ? { respondToWebhook: request.respondToWebhook } : {}),
        ...(request.onEvent ? { onEvent: request.onEvent } : {}),
      });
    }
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
    const row = startRow(request, {
      executionId,
      projectId,
      workflowId,
      admission,
      startedAt: state.startedAt,
      instanceId: this.options.instanceId,
    });
    const recorder = new ExecutionRecorder({
      writer: this.options.database.executions,
      policy,
      row,
      onWriteError: (error) =>
        this.options.log.error({ err: error, executionId }, 'could not save execution'),
    });
    let saved = recorder.begin(state);
    const active = this.active.track({
      id: executionId,
      projectId,
      workflow,
      workflowId,
      ...workflowKeyOf(workflowId, request.workflowVersion ?? null),
      state,
      recorder,
      vars,
      ...(request.respondToWebhook ? { respondToWebhook: request.respondToWebhook } : {}),
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
      // Queue mode: a lost write leaves the run to another worker (queue/execution-worker.ts).
      stopAfterLostWrite: this.remote !== undefined,
      onWriteError: (error) =>
        this.options.log.error({ err: error, executionId: row.id }, 'could not save execution'),
    });
    const job: QueueJob = { run: () => this.execute(row.id) };
    const workflowId = row.workflow_id;
    const active = this.active.track({
      id: row.id,
      projectId: row.project_id,
      workflow,
      workflowId,
      ...(row.workflow_data === null ? workflowKeyOf(workflowId, row.workflow_version) : {}),
      state,
      recorder,
      vars,
      ...(input.respondToWebhook ? { respondToWebhook: input.respondToWebhook } : {}),
      job,
    });
    if (input.resumeInput) active.resumeInput = input.resumeInput;
    if (row.retry_of !== null) this.retryOf.set(row.id, row.retry_of);
    this.queue.enqueue(job);
    return { executionId: row.id, finished: active.finished };
  }

  /** The document an execution runs: its own snapshot, or the stored workflow version. */
  workflowOf(row: ExecutionRow): Promise<Workflow> {
    return workflowOfRow(this.options.database, this.options.loadWorkflow, row);
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
    // Queue mode: the row is claimed by no process until a worker takes its resume job over (see claimWaiting).
    if (!(await this.store.claimWaiting(row.id, this.remote ? null : this.options.instanceId))) {
      throw new GuixuError('EXECUTION_ALREADY_RESUMED', `Execution ${row.id} was already resumed`, {
        details: { executionId: row.id },
      });
    }
    if (this.remote) {
      return this.remote.resume({
        row,
        seq: state.seq,
        input,
        ...(options.respondToWebhook ? { respondToWebhook: options.respondToWebhook } : {}),
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
    const waited = row.status === 'waiting' ? await cancelWaitingExecution(this.store, executionId) : null;
    if (waited) {
      this.events.emit({
        type: 'executionFinished',
        executionId,
        workflowId: row.workflow_id,
        status: 'canceled',
      });
      // A canceled parent cancels the child it waits for; a canceled child fails the node of its parent.
      await this.subWorkflowWaits.cancelChildOf(waited);
      if (row.parent_execution_id !== null) await this.subWorkflowWaits.childEnded(executionId);
      return;
    }
    if (this.remote && (row.status === 'running' || row.status === 'new')) {
      // Queue mode: the worker that runs it (or will) cancels it.
      await this.remote.cancel(executionId);
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
  drain(timeoutMs: number): Promise<string[]> {
    return this.active.drain(timeoutMs);
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
    try {
      if (active.resumeInput?.reason === 'subworkflow') {
        active.resumeInput = await this.subWorkflowWaits.outcome(active.resumeInput);
      }
      await this.host.run({
        executionId,
        workflow,
        ...(active.workflowKey === undefined ? {} : { workflowKey: active.workflowKey }),
        state,
        ...(active.resumeInput ? { resumeInput: active.resumeInput } : {}),
        projectId: active.projectId,
        vars: active.vars,
        signal: active.abort.signal,
        ...(active.respondToWebhook ? { respondToWebhook: active.respondToWebhook } : {}),
        binaryAllowed: (owner) => this.binaryAccess.allowed(executionId, active.projectId, owner),
        onCheckpoint: (checkpoint) => recorder.checkpoint(checkpoint),
        onEvent: (event) => this.onEngineEvent(active, event),
      });
    } catch (error) {
      // engine.resume refuses a state it cannot continue, or the host stopped the run
      // (EXECUTION_CPU_LIMIT, EXECUTION_MEMORY_LIMIT): the execution ends as failed.
      this.failed(active, toPlainError(error));
    }
    await recorder.finish(state);
    await this.saveStaticData(active);
    this.binaryAccess.remember(executionId, factsOf(active));
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
      projectId: active.projectId,
      saved: recorder.saved,
      ...(retryOf === undefined ? {} : { retryOf }),
    };
    this.finishListeners.notify(finished, (error) =>
      this.options.log.error({ err: error, executionId }, 'execution finish listener failed'),
    );
    active.resolve(state);
  }

  /** Records a failure the engine could not record itself; a checkpoint keeps the rebuilt state true. */
  private failed(active: ActiveExecution, error: PlainError): void {
    const { state } = active;
    const finishedAt = new Date().toISOString();
    if (state.status === 'running' || state.status === 'new') {
      const checkpoint = failCheckpoint(state, error, finishedAt);
      applyCheckpoint(state, checkpoint);
      void active.recorder.checkpoint(checkpoint);
    } else {
      state.status = 'error';
      state.error = error;
      state.finishedAt = finishedAt;
    }
    this.events.emit({
      type: 'executionFinished',
      executionId: active.id,
      workflowId: active.workflowId,
      status: 'error',
      error,
    });
  }

  /** A production run that succeeded stores the static data it changed (n8n). */
  private async saveStaticData(active: ActiveExecution): Promise<void> {
    const data = staticDataToSave(active.state);
    if (!data || active.workflowId === null) return;
    try {
      await saveStaticData(this.options.database, active.workflowId, data);
    } catch (error) {
      this.options.log.error(
        { err: error, executionId: active.id },
        'could not save the workflow static data',
      );
    }
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

/** Stored versions never change, so a host may keep the document by this key. */
function workflowKeyOf(workflowId: string | null, version: number | null): { workflowKey?: string } {
  return workflowId !== null && version !== null ? { workflowKey: `${workflowId}@${version}` } : {};
}

function factsOf(active: ActiveExecution): ExecutionFacts {
  return { projectId: active.projectId, parentExecutionId: active.state.parentExecutionId ?? null };
}
