/**
 * Host side of the Code node sandbox: a pool of sandbox processes, each
 * running one job at a time (sandbox-child.ts). It starts processes on demand
 * up to GUIXU_CODE_PROCESSES and stops idle ones after a while; waiting runs
 * queue per project and are served round-robin, and one project holds at most
 * GUIXU_CODE_PROCESSES_PER_PROJECT processes while its other runs wait, so
 * runaway code in one project cannot starve the others. A process whose job
 * timed out is replaced at once: the replacement starts before it is killed.
 */
import { sandboxProcessCount, sandboxProcessesPerProject } from './config.ts';
import { FairQueue } from './fair-queue.ts';
import type { SandboxStats } from './protocol.ts';
import { SandboxChild, type SandboxOutcome, type SandboxRunOptions } from './sandbox-child.ts';

export type { SandboxOutcome, SandboxRunOptions } from './sandbox-child.ts';

export interface SandboxPoolSettings {
  /** Most sandbox processes at once. */
  maxProcesses?: () => number;
  /** Most processes one tenant (project) may hold at once. */
  perTenant?: () => number;
  /** Processes `prewarm()` starts and idle stopping keeps (at most `maxProcesses`). */
  minProcesses?: number;
  /** An idle process above the minimum stops after this long. */
  idleStopMs?: number;
}

interface Waiter {
  tenant: string;
  /** A process for the run, or none when the pool closed first. */
  grant(child: SandboxChild | undefined): void;
}

const DEFAULT_MIN_PROCESSES = 2;
const DEFAULT_IDLE_STOP_MS = 60_000;
/** Runs without a tenant share one queue. */
const NO_TENANT = '';

const canceled: SandboxOutcome = {
  kind: 'failed',
  failure: { reason: 'canceled', message: 'The run was canceled' },
};

export class SandboxPool {
  private readonly children = new Set<SandboxChild>();
  /** Children running a job (or handed to a run that is about to start one). */
  private readonly busy = new Set<SandboxChild>();
  private readonly idleTimers = new Map<SandboxChild, NodeJS.Timeout>();
  private readonly running = new Map<string, number>();
  private readonly queue = new FairQueue<Waiter>();
  private readonly maxProcesses: () => number;
  private readonly perTenant: () => number;
  private readonly minProcesses: number;
  private readonly idleStopMs: number;
  private nextId = 1;

  /** A function alone is the most processes (the older form). */
  constructor(settings: SandboxPoolSettings | (() => number) = {}) {
    const options = typeof settings === 'function' ? { maxProcesses: settings } : settings;
    this.maxProcesses = options.maxProcesses ?? (() => sandboxProcessCount());
    this.perTenant =
      options.perTenant ??
      (options.maxProcesses ? () => Math.ceil(this.maxProcesses() / 2) : () => sandboxProcessesPerProject());
    this.minProcesses = options.minProcesses ?? DEFAULT_MIN_PROCESSES;
    this.idleStopMs = options.idleStopMs ?? DEFAULT_IDLE_STOP_MS;
  }

  async run(options: SandboxRunOptions): Promise<SandboxOutcome> {
    if (options.signal?.aborted) return canceled;
    const tenant = options.tenant ?? NO_TENANT;
    const child = await this.acquire(tenant, options.signal);
    if (!child) return canceled;
    let outcome: SandboxOutcome | undefined;
    try {
      await child.ready;
      if (options.signal?.aborted) return canceled;
      outcome = await child.run(this.nextId++, options);
      return outcome;
    } catch (error) {
      return {
        kind: 'failed',
        failure: { reason: 'internal', message: error instanceof Error ? error.message : String(error) },
      };
    } finally {
      this.release(child, tenant, outcome);
    }
  }

  /** Starts the minimum of sandbox processes now (e.g. at server start) so the first run doesn't wait. */
  prewarm(): Promise<void> {
    const target = Math.min(this.minProcesses, this.maxProcesses());
    while (this.children.size < target) this.markIdle(this.spawn());
    return Promise.all([...this.children].map((child) => child.ready.catch(() => {}))).then(() => {});
  }

  /** Process ids of the live sandbox processes (operators, tests). */
  processIds(): number[] {
    return [...this.children].flatMap((child) => (child.pid === undefined ? [] : [child.pid]));
  }

  /** Each live process's numbers (jobs, isolates, heap, RSS). */
  async stats(): Promise<SandboxStats[]> {
    const all = await Promise.all([...this.children].map((child) => child.stats()));
    return all.filter((stats): stats is SandboxStats => stats !== undefined);
  }

  /** Stops every sandbox process (tests, shutdown); runs still waiting for one are canceled. */
  close(): void {
    for (const waiter of this.queue.drain()) waiter.grant(undefined);
    for (const child of this.children) child.kill();
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    this.children.clear();
    this.busy.clear();
  }

  private acquire(tenant: string, signal: AbortSignal | undefined): Promise<SandboxChild | undefined> {
    return new Promise((resolve) => {
      const onAbort = () => {
        if (this.queue.remove(tenant, waiter)) resolve(undefined);
      };
      const waiter: Waiter = {
        tenant,
        grant: (child) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(child);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(tenant, waiter);
      this.dispatch();
    });
  }

  /** Hands free capacity to waiting runs, round-robin over tenants under their share. */
  private dispatch(): void {
    const share = Math.max(1, this.perTenant());
    for (;;) {
      const idle = this.idleChild();
      if (!idle && this.children.size >= this.maxProcesses()) return;
      const next = this.queue.take((tenant) => (this.running.get(tenant) ?? 0) < share);
      if (!next) return;
      const child = idle ?? this.spawn();
      this.claim(child);
      this.running.set(next.tenant, (this.running.get(next.tenant) ?? 0) + 1);
      next.item.grant(child);
    }
  }

  private idleChild(): SandboxChild | undefined {
    for (const child of this.children) if (!this.busy.has(child) && !child.exited) return child;
    return undefined;
  }

  private spawn(): SandboxChild {
    const child = new SandboxChild((dead) => this.forget(dead));
    this.children.add(child);
    return child;
  }

  private claim(child: SandboxChild): void {
    this.busy.add(child);
    clearTimeout(this.idleTimers.get(child));
    this.idleTimers.delete(child);
  }

  private drop(child: SandboxChild): void {
    this.children.delete(child);
    this.busy.delete(child);
    clearTimeout(this.idleTimers.get(child));
    this.idleTimers.delete(child);
  }

  private forget(child: SandboxChild): void {
    this.drop(child);
    this.dispatch();
  }

  private release(child: SandboxChild, tenant: string, outcome: SandboxOutcome | undefined): void {
    const count = (this.running.get(tenant) ?? 1) - 1;
    if (count > 0) this.running.set(tenant, count);
    else this.running.delete(tenant);
    this.busy.delete(child);
    if (outcome?.kind === 'failed' && outcome.failure.reason === 'timeout') this.replace(child);
    else if (this.children.has(child)) this.markIdle(child);
    this.dispatch();
  }

  /** A timed-out process may still be spinning: start its replacement, then kill it. */
  private replace(child: SandboxChild): void {
    if (!this.children.has(child)) return;
    this.drop(child);
    const max = this.maxProcesses();
    const wanted = this.children.size < Math.min(this.minProcesses, max) || this.queue.size > 0;
    if (wanted && this.children.size < max) this.markIdle(this.spawn());
    child.kill();
  }

  /** Idle processes above the minimum stop after a while. */
  private markIdle(child: SandboxChild): void {
    clearTimeout(this.idleTimers.get(child));
    const timer = setTimeout(() => {
      this.idleTimers.delete(child);
      if (this.busy.has(child) || this.children.size <= this.minProcesses) return;
      this.forget(child);
      child.kill();
    }, this.idleStopMs);
    timer.unref();
    this.idleTimers.set(child, timer);
  }
}

let shared: SandboxPool | undefined;

/** The process-wide pool every Code node run uses unless the host hands in its own. */
export function codeSandbox(): SandboxPool {
  shared ??= new SandboxPool();
  return shared;
}
