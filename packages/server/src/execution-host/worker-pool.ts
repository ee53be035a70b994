import type { GuixuError } from '@guixu/core';
import { type DeathCause, ExecutionWorker } from './execution-worker.ts';
import type { ExecutionHost, HostedRun } from './host.ts';
import type { HostServices } from './host-services.ts';
import { cpuLimitError, memoryLimitError, workerLostError } from './limit-errors.ts';
import { nowMs } from './meter.ts';
import type { WorkerInit } from './protocol.ts';
import type { WorkerJob } from './worker-job.ts';

export interface WorkerPoolOptions {
  /** Most worker threads at once. */
  workers: number;
  /** Heap cap of each worker (V8 old generation), MB. */
  heapMb: number;
  /** CPU ms of user logic an execution may use (0: no limit). */
  cpuBudgetMs: number;
  init: Omit<WorkerInit, 'meter' | 'cpuBudgetMs'>;
  services: HostServices;
  log: { warn(obj: object, msg: string): void };
}

/** A run is moved to a fresh worker at most this often when its worker dies under it for another run's sake. */
const MAX_ATTEMPTS = 3;
/**
 * Another worker is started (up to the limit) once every live one holds this
 * many runs or is stalled: runs spread over the pool, so one runaway stretch of
 * user logic holds up as few other runs as possible until the watchdog stops it.
 */
const GROW_AT = 1;
const WATCHDOG_MS = 50;

/**
 * Runs executions in a pool of worker threads, never on the HTTP thread.
 * Each worker holds many runs (their I/O interleaves as on any event loop)
 * under one heap cap; the watchdog reads each worker's shared CPU meter and
 * terminates a worker whose running stretch of user logic takes its
 * execution past the CPU budget. When a worker dies, the run to blame (the
 * one in user logic, or the last one there) fails with
 * `EXECUTION_CPU_LIMIT`/`EXECUTION_MEMORY_LIMIT`; the others on that worker
 * continue on another from their last checkpoint, as after a crash.
 */
export class WorkerPoolHost implements ExecutionHost {
  private readonly workers = new Set<ExecutionWorker>();
  private readonly watchdog: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    this.watchdog = setInterval(() => this.watch(), WATCHDOG_MS);
    this.watchdog.unref();
  }

  /** Live worker threads (operators, tests). */
  get size(): number {
    return [...this.workers].filter((worker) => !worker.dying).length;
  }

  async prewarm(all = false): Promise<void> {
    const wanted = all ? this.options.workers : 1;
    while (this.size < wanted && !this.closed) this.spawn();
    await Promise.all([...this.workers].map((worker) => worker.started));
  }

  run(run: HostedRun): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.place({ run, resolve, reject, attempts: 0, usedMs: 0 });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    for (const worker of this.workers) worker.kill({ kind: 'lost', reason: 'the server is shutting down' });
  }

  private place(job: WorkerJob): void {
    if (this.closed) {
      job.reject(workerLostError('the server is shutting down'));
      return;
    }
    const worker = this.pick();
    if (!worker.dispatch(job)) job.reject(workerLostError('every worker slot is taken'));
  }

  /**
   * The least loaded worker that is ready and not stalled; a new one starts (up
   * to the limit) when every such worker is busy, for the runs that come next:
   * a run never waits for a thread to start while a ready one can take it.
   */
  private pick(): ExecutionWorker {
    const at = nowMs();
    const live = [...this.workers].filter((worker) => !worker.dying);
    const best = leastLoaded(live.filter((worker) => worker.ready && !worker.stalled(at)));
    if (live.length < this.options.workers && (!best || best.load >= GROW_AT)) {
      const fresh = this.spawn();
      if (!best) return leastLoaded(live.filter((worker) => !worker.ready)) ?? fresh;
    }
    return best ?? leastLoaded(live) ?? this.spawn();
  }

  private spawn(): ExecutionWorker {
    const worker = new ExecutionWorker({
      init: { ...this.options.init, cpuBudgetMs: this.options.cpuBudgetMs },
      heapMb: this.options.heapMb,
      services: this.options.services,
      onExit: (dead, cause) => this.buried(dead, cause),
    });
    this.workers.add(worker);
    return worker;
  }

  /** Stops a worker whose running stretch of user logic took its execution past the budget. */
  private watch(): void {
    const budget = this.options.cpuBudgetMs;
    const at = nowMs();
    for (const worker of [...this.workers]) {
      if (worker.dying) continue;
      // Runs queued behind a stuck stretch (or a slow start) go to a worker that can take them now.
      if ((!worker.ready || worker.stalled(at)) && worker.load > 0 && this.hasFreeWorker(worker, at)) {
        for (const job of worker.takeBackQueued()) this.place(job);
      }
      if (!worker.ready || budget <= 0) continue;
      const meter = worker.meter;
      const slot = meter.current;
      if (slot >= 0 && meter.used(slot) + (at - meter.stretchStart) > budget) {
        worker.kill({ kind: 'cpu', slot });
      } else if (slot < 0 && at - meter.tick > budget) {
        // Blocked outside metered code: the last run that ran user logic there is the suspect.
        worker.kill({ kind: 'cpu', slot: meter.last });
      }
    }
  }

  private hasFreeWorker(except: ExecutionWorker, at: number): boolean {
    return [...this.workers].some(
      (worker) => worker !== except && !worker.dying && worker.ready && !worker.stalled(at),
    );
  }

  private buried(worker: ExecutionWorker, cause: DeathCause): void {
    this.workers.delete(worker);
    const blamedSlot =
      cause.kind === 'cpu'
        ? cause.slot
        : cause.kind === 'memory'
          ? worker.meter.current >= 0
            ? worker.meter.current
            : worker.meter.last
          : -1;
    const blamed = blamedSlot >= 0 ? worker.jobInSlot(blamedSlot) : undefined;
    const error = this.errorFor(cause);
    const jobs = [...worker.jobs.values()].map((entry) => entry.job);
    if (cause.kind !== 'lost' || !this.closed) {
      this.options.log.warn(
        { cause: cause.kind, executionId: blamed?.run.executionId ?? null, runs: jobs.length },
        'execution worker stopped',
      );
    }
    // A replacement starts at once, so the next run finds a ready thread (not for a thread
    // that never started: that would loop; the next run starts one).
    if (!this.closed && this.size === 0 && worker.ready) this.spawn();
    for (const job of jobs) {
      worker.release(job.run.executionId);
      if (job === blamed || this.closed || job.attempts >= MAX_ATTEMPTS) job.reject(error);
      else this.place(job);
    }
  }

  private errorFor(cause: DeathCause): GuixuError {
    if (cause.kind === 'memory') return memoryLimitError(this.options.heapMb);
    if (cause.kind === 'cpu') return cpuLimitError(this.options.cpuBudgetMs);
    return workerLostError(cause.reason);
  }
}

function leastLoaded(workers: ExecutionWorker[]): ExecutionWorker | undefined {
  return workers.reduce<ExecutionWorker | undefined>(
    (min, worker) => (min === undefined || worker.load < min.load ? worker : min),
    undefined,
  );
}
