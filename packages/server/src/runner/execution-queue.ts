import { GuixuError } from '@guixu/core';

export interface QueueOptions {
  /** Executions running at once in this instance. */
  maxConcurrency: number;
  /** Executions waiting for a slot; one more is refused with `EXECUTION_QUEUE_FULL`. */
  maxPending: number;
  /** Suggested wait for a refused caller (becomes `Retry-After`). */
  retryAfterMs?: number;
}

export interface QueueJob {
  /** Jobs of one workflow share its `limit` (workflow `settings.concurrencyLimit`). */
  workflowKey?: string;
  limit?: number;
  /** Runs the job; the slot is freed when the promise settles. */
  run(): Promise<void>;
}

/**
 * Per-instance back-pressure with per-workflow limits: at most
 * `maxConcurrency` jobs run, a workflow never runs more than its own limit, and
 * at most `maxPending` wait (FIFO among the jobs that may start). A full queue
 * refuses at once, so memory stays bounded.
 */
export class ExecutionQueue {
  private active = 0;
  private readonly perWorkflow = new Map<string, number>();
  private readonly waiting: QueueJob[] = [];

  constructor(private readonly options: QueueOptions) {}

  get running(): number {
    return this.active;
  }

  get pending(): number {
    return this.waiting.length;
  }

  /** Starts the job now when a slot is free (`'started'`), else queues it (`'queued'`). */
  submit(job: QueueJob): 'started' | 'queued' {
    if (this.canStart(job)) {
      this.launch(job);
      return 'started';
    }
    if (this.waiting.length >= this.options.maxPending) throw this.full();
    this.waiting.push(job);
    return 'queued';
  }

  /**
   * Whether `submit` would start the job at once; throws `EXECUTION_QUEUE_FULL`
   * when it could neither start nor be queued.
   */
  admit(job: Pick<QueueJob, 'workflowKey' | 'limit'>): 'start' | 'queue' {
    if (this.canStart(job)) return 'start';
    if (this.waiting.length >= this.options.maxPending) throw this.full();
    return 'queue';
  }

  /** Starts the job or queues it past the pending bound (crash recovery must not drop executions). */
  enqueue(job: QueueJob): void {
    if (this.canStart(job)) this.launch(job);
    else this.waiting.push(job);
  }

  /** Runs a job at once, past the limits (a child execution its waiting parent needs). */
  runNow(job: QueueJob): void {
    this.launch(job);
  }

  /** Takes a queued job out (canceled before it started); false when it already started. */
  remove(job: QueueJob): boolean {
    const index = this.waiting.indexOf(job);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    return true;
  }

  /** Empties the queue (shutdown): the returned jobs never start here. */
  takePending(): QueueJob[] {
    return this.waiting.splice(0, this.waiting.length);
  }

  private canStart(job: Pick<QueueJob, 'workflowKey' | 'limit'>): boolean {
    if (this.active >= this.options.maxConcurrency) return false;
    if (job.workflowKey === undefined || job.limit === undefined) return true;
    return (this.perWorkflow.get(job.workflowKey) ?? 0) < job.limit;
  }

  private launch(job: QueueJob): void {
    this.active++;
    const key = job.workflowKey;
    if (key !== undefined) this.perWorkflow.set(key, (this.perWorkflow.get(key) ?? 0) + 1);
    const done = () => {
      this.active--;
      if (key !== undefined) {
        const left = (this.perWorkflow.get(key) ?? 1) - 1;
        if (left === 0) this.perWorkflow.delete(key);
        else this.perWorkflow.set(key, left);
      }
      this.pump();
    };
    let running: Promise<void>;
    try {
      running = job.run();
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(done, done);
  }

  private pump(): void {
    for (let i = 0; i < this.waiting.length && this.active < this.options.maxConcurrency; ) {
      const job = this.waiting[i];
      if (this.canStart(job)) {
        this.waiting.splice(i, 1);
        this.launch(job);
      } else {
        i++;
      }
    }
  }

  private full(): GuixuError {
    return new GuixuError(
      'EXECUTION_QUEUE_FULL',
      `Too many executions: ${this.active} running and ${this.waiting.length} waiting; try again later`,
      {
        retryable: true,
        retryAfterMs: this.options.retryAfterMs ?? 1000,
        details: { running: this.active, pending: this.waiting.length },
      },
    );
  }
}
