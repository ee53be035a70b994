import { GuixuError } from '@guixu/core';
import type { InProcessRunner, RunnerLogger } from './runner.ts';

export interface WaitTimerOptions {
  /** How often the database is scanned for waits coming due. */
  scanIntervalMs: number;
}

const IGNORED = new Set(['EXECUTION_NOT_WAITING', 'EXECUTION_ALREADY_RESUMED', 'EXECUTION_NOT_FOUND']);
/** Node timers cannot hold more than ~24.8 days. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Resumes time-based waits, and parents left waiting for a sub-workflow that
 * already ended (`subworkflow-waits.ts`). A wait due soon gets an in-memory timer (set when
 * the execution suspends, or when a scan finds it); a periodic scan of the
 * database catches the rest, including waits from before a restart. The
 * database claim in `resume` makes a wait resume once even when several
 * instances see it due.
 */
export class WaitTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private scanTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly runner: InProcessRunner,
    private readonly log: RunnerLogger,
    private readonly options: WaitTimerOptions,
  ) {}

  /** Waits due within this window get a timer; later ones wait for a later scan. */
  private get horizonMs(): number {
    return this.options.scanIntervalMs * 2;
  }

  /** Times the waits of executions that suspend from now on (no I/O: safe before the server starts). */
  listen(): void {
    this.unsubscribe ??= this.runner.onFinished(({ state }) => {
      if (state.status === 'waiting' && state.waitTill) this.schedule(state.executionId, state.waitTill);
    });
  }

  /** Also picks up stored waits (from before a restart), now and on every scan (again after `stopScanning`: a new leader). */
  async start(): Promise<void> {
    if (this.running) return;
    this.stopped = false;
    this.listen();
    await this.scan();
    this.scanTimer = setInterval(() => {
      this.scan().catch((error: unknown) => this.log.error({ err: error }, 'wait scan failed'));
    }, this.options.scanIntervalMs);
    this.scanTimer.unref();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearInterval(this.scanTimer);
    this.scanTimer = undefined;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /**
   * Ends the scan but keeps timing the waits of executions that suspend here (a queue-mode
   * main that stopped leading: the scan is the leader's, a run's own short wait is not).
   */
  stopScanning(): void {
    clearInterval(this.scanTimer);
    this.scanTimer = undefined;
  }

  /** Whether the scan runs (it was started and not stopped since). */
  get running(): boolean {
    return this.scanTimer !== undefined && !this.stopped;
  }

  get scheduled(): number {
    return this.timers.size;
  }

  async scan(): Promise<void> {
    const before = new Date(Date.now() + this.horizonMs).toISOString();
    for (const due of await this.runner.store.dueWaits(before)) {
      if (due.wait_till !== null) this.schedule(due.id, due.wait_till);
    }
    // Parents whose sub-workflow ended while nobody resumed them (a crash in between).
    if (!this.stopped) await this.runner.subWorkflowWaits.scan();
  }

  schedule(executionId: string, waitTill: string): void {
    if (this.stopped || this.timers.has(executionId)) return;
    const delay = Date.parse(waitTill) - Date.now();
    if (delay > this.horizonMs) return;
    const timer = setTimeout(() => this.fire(executionId), Math.min(Math.max(0, delay), MAX_TIMER_MS));
    timer.unref();
    this.timers.set(executionId, timer);
  }

  private fire(executionId: string): void {
    this.timers.delete(executionId);
    if (this.stopped) return;
    this.runner.resume(executionId, { reason: 'time' }).catch((error: unknown) => {
      if (error instanceof GuixuError && IGNORED.has(error.code)) return;
      if (error instanceof GuixuError && error.retryable) {
        // Queue full or shutting down: the next scan (or the next start) tries again.
        return;
      }
      this.log.error({ err: error, executionId }, 'could not resume a waiting execution');
    });
  }
}
