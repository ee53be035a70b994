import { GuixuError, type RunState } from '@guixu/core';
import { DelayedError, type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Database } from '../db/dialect.ts';
import type { InProcessRunner, RunnerLogger } from '../runner/runner.ts';
import { parseJobData } from './job-data.ts';
import type { QueueKeys } from './redis.ts';
import type { WorkflowSlots } from './workflow-slots.ts';

export interface ExecutionWorkerOptions {
  runner: InProcessRunner;
  database: Database;
  /** BullMQ's blocking connection. */
  connection: Redis;
  /** Publishes events, webhook responses and finishes to the mains. */
  publish(message: object): void;
  slots: WorkflowSlots;
  keys: QueueKeys;
  prefix: string;
  concurrency: number;
  lockMs: number;
  log: RunnerLogger & { info(obj: object, msg: string): void };
  /** Whether another live worker process runs executions as `instanceId` (its Redis heartbeat). */
  runsOn(instanceId: string): Promise<boolean>;
  /** Called with how long a job waited and ran (metrics). */
  observe?(waitedMs: number, ranMs: number, status: string): void;
}

const ACTIVE = new Set(['new', 'running']);
/** How long a job of a workflow at its cluster limit waits before it tries again. */
const SLOT_RETRY_MS = 250;

/**
 * `guixu worker`: takes execution ids from BullMQ and runs them in this
 * process's runner, from their last checkpoint. A job whose worker died
 * (its lock lapsed) is stalled, goes back to the queue, and the next worker
 * continues it; nodes that finished before are never run again.
 */
export class ExecutionWorker {
  private worker: Worker | undefined;
  readonly running = new Set<string>();
  /** Running chat executions: their streamed answer parts go to the main holding the chat. */
  readonly chats = new Set<string>();

  constructor(private readonly options: ExecutionWorkerOptions) {}

  start(): void {
    const o = this.options;
    this.worker = new Worker(o.keys.queueName, (job, token) => this.process(job, token), {
      connection: o.connection,
      prefix: o.prefix,
      concurrency: o.concurrency,
      lockDuration: o.lockMs,
      stalledInterval: Math.max(1000, Math.floor(o.lockMs / 2)),
      // A job that stalls again and again belongs to executions that crash their worker:
      // they are recovered every time (each recovery continues after the last finished node).
      maxStalledCount: 1000,
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    });
    this.worker.on('error', (error) => o.log.error({ err: error }, 'queue worker error'));
    this.worker.on('failed', (job, error) => {
      if (job) o.log.warn({ err: error, executionId: job.data?.executionId }, 'queue job failed');
    });
  }

  get utilisation(): number {
    return this.running.size / this.options.concurrency;
  }

  /** Stops taking jobs and waits for the running ones (graceful drain on SIGTERM). */
  async close(timeoutMs: number): Promise<boolean> {
    const worker = this.worker;
    if (!worker) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
    });
    const drained = await Promise.race([worker.close().then(() => true as const), timedOut]);
    clearTimeout(timer);
    if (!drained) await worker.close(true);
    return drained;
  }

  private async process(job: Job, token: string | undefined): Promise<string> {
    const o = this.options;
    const data = parseJobData(job.data);
    if (!data) return 'ignored';
    const { executionId } = data;
    const { runner } = o;
    const row = await runner.store.findRow(executionId);
    // Finished, suspended or deleted meanwhile: a redelivered job has nothing left to do.
    if (!row || !ACTIVE.has(row.status)) return row?.status ?? 'missing';
    const workflow = await runner.workflowOf(row);
    const limit = workflow.settings?.concurrencyLimit;
    const limited = row.workflow_id !== null && limit !== undefined && limit > 0;
    // Already running here (a second job for it), or still running on a live worker: later.
    const elsewhere = row.instance_id !== null && row.instance_id !== runner.instanceId;
    if (runner.isActive(executionId) || (elsewhere && (await o.runsOn(row.instance_id ?? '')))) {
      await job.moveToDelayed(Date.now() + 1000, token);
      throw new DelayedError();
    }
    if (limited && !(await o.slots.acquire(row.workflow_id ?? '', limit ?? 0, executionId))) {
      await job.moveToDelayed(Date.now() + SLOT_RETRY_MS + Math.floor(Math.random() * SLOT_RETRY_MS), token);
      throw new DelayedError();
    }
    this.running.add(executionId);
    if (row.mode === 'chat') this.chats.add(executionId);
    const began = Date.now();
    try {
      if (!(await this.takeOver(executionId, runner.instanceId))) return 'taken';
      const state = await runner.store.loadState(executionId);
      const resumeInput = state.status === 'waiting' ? data.resume : undefined;
      if (state.status === 'waiting' && !resumeInput) {
        // Queued again without what resumes it: it goes back to waiting (the wait scan resumes it).
        await runner.store.unclaim(executionId, state.waitTill ?? null);
        return 'waiting';
      }
      const handle = await runner.adopt({
        state,
        workflow,
        row: { ...row, instance_id: runner.instanceId },
        ...(resumeInput ? { resumeInput } : {}),
        respondToWebhook: (response) => o.publish({ t: 'respond', executionId, response }),
      });
      // Canceled while it waited in the queue: it ends canceled at once (recorded like any cancel).
      if ((await o.connection.exists(o.keys.canceled(executionId))) === 1)
        void runner.cancelActive(executionId);
      const final: RunState = await handle.finished;
      // Read now: a short wait resumes in this process, and that run goes on in the same state object.
      const status = final.status;
      const saved = await runner.store.findRow(executionId);
      if (saved && ACTIVE.has(saved.status)) {
        // Its outcome is not in the database (the worker is stopping, or PostgreSQL went away and
        // the last writes failed): failing the job hands it to a worker that continues it from the
        // last saved checkpoint.
        throw new GuixuError(
          'EXECUTION_NOT_SAVED',
          'The execution did not reach the database; it runs again',
          {
            retryable: true,
            details: { executionId, status },
          },
        );
      }
      o.publish({ t: 'finished', executionId, status });
      o.observe?.(began - job.timestamp, Date.now() - began, status);
      return status;
    } finally {
      this.running.delete(executionId);
      this.chats.delete(executionId);
      if (limited) await o.slots.release(executionId).catch(() => undefined);
    }
  }

  /** The job's lock says who runs it: the row follows (a dead worker's claim is taken over). */
  private async takeOver(executionId: string, instanceId: string): Promise<boolean> {
    const result = await this.options.database.db
      .updateTable('executions')
      .set({ instance_id: instanceId, heartbeat_at: new Date().toISOString() })
      .where('id', '=', executionId)
      .where('status', 'in', ['new', 'running'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
