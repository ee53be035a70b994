import type { NodeRegistry } from '@guixu/core';
import { isRecurrenceDue, scheduleItem } from '@guixu/nodes';
import type { Logger } from 'pino';
import type { Database } from '../../db/dialect.ts';
import type { ActivatedWorkflow } from '../../triggers.ts';
import type { ExecutionRunner } from '../../runner/types.ts';
import { nextTick, rulesAt, type ScheduleEntry, scheduleEntries } from './schedule-entry.ts';
import { type ScheduleState, ScheduleStore } from './schedule-store.ts';

/** What happens to ticks that passed while no server was running: dropped, or one run at start. */
export type MissedTickPolicy = 'skip' | 'fireOnce';

export interface ScheduleServiceOptions {
  database: Database;
  registry: NodeRegistry;
  runner: () => ExecutionRunner;
  log: Logger;
  missed: MissedTickPolicy;
  /** Longest sleep between two looks at the clock (ms). */
  maxSleepMs?: number;
  /**
   * Loads an active workflow by id: with it, the service looks at the
   * database every `syncIntervalMs` and takes over schedules activated or
   * removed by other instances on the same database.
   */
  loadActive?: (workflowId: string) => Promise<ActivatedWorkflow | undefined>;
  syncIntervalMs?: number;
}

interface Armed {
  entry: ScheduleEntry;
  state: ScheduleState;
  /** Next tick (ms since the epoch), or undefined when the rules never fire again. */
  next: number | undefined;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/**
 * Fires Schedule Triggers of active workflows. Next ticks are persisted, so a
 * restart resumes the schedule; each tick is claimed in the database before
 * it fires, so two instances on one database fire it once.
 */
export class ScheduleService {
  private readonly store: ScheduleStore;
  private readonly armed = new Map<string, Armed[]>();
  private timer: NodeJS.Timeout | undefined;
  private syncTimer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = true;
  private ticking: Promise<void> = Promise.resolve();

  constructor(private readonly options: ScheduleServiceOptions) {
    this.store = new ScheduleStore(options.database);
  }

  entriesFor(workflow: ActivatedWorkflow): ScheduleEntry[] {
    return scheduleEntries(workflow.workflow, workflow, this.options.registry);
  }

  async activate(workflow: ActivatedWorkflow, entries = this.entriesFor(workflow)): Promise<void> {
    const now = Date.now();
    const armed: Armed[] = [];
    for (const entry of entries) {
      const row = await this.store.read(entry.workflowId, entry.node.id);
      const same = row !== undefined && row.state.signature === entry.signature;
      const stored = same && row.nextFireAt !== null ? Date.parse(row.nextFireAt) : undefined;
      let next: number | undefined;
      if (stored !== undefined && stored > now) next = stored;
      else if (stored !== undefined && this.options.missed === 'fireOnce') next = stored;
      else next = nextTick(entry, now);
      const state: ScheduleState = { signature: entry.signature, lastRuns: same ? row.state.lastRuns : {} };
      await this.store.upsert(entry.workflowId, entry.node.id, state, iso(next));
      armed.push({ entry, state, next });
    }
    await this.store.keepOnly(
      workflow.id,
      entries.map((e) => e.node.id),
    );
    if (armed.length > 0) this.armed.set(workflow.id, armed);
    else this.armed.delete(workflow.id);
    this.reschedule();
  }

  async deactivate(workflowId: string): Promise<void> {
    this.armed.delete(workflowId);
    await this.store.remove(workflowId);
    this.reschedule();
  }

  /** Starts the clock (feature start). */
  start(): void {
    this.stopped = false;
    this.reschedule();
    if (this.options.loadActive && !this.syncTimer) {
      this.syncTimer = setInterval(() => {
        this.sync().catch((error: unknown) => this.options.log.warn({ err: error }, 'schedule sync failed'));
      }, this.options.syncIntervalMs ?? 30_000);
      this.syncTimer.unref();
    }
  }

  /** Arms schedules other instances activated, drops those they removed. */
  async sync(): Promise<void> {
    const load = this.options.loadActive;
    if (!load || this.stopped) return;
    const stored = new Set(await this.store.workflowIds());
    for (const id of this.armed.keys()) if (!stored.has(id)) this.armed.delete(id);
    for (const id of stored) {
      if (this.armed.has(id)) continue;
      const workflow = await load(id);
      if (workflow) await this.activate(workflow);
    }
    this.reschedule();
  }

  /** Stops the clock and waits for a tick in progress (shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.syncTimer);
    this.timer = undefined;
    this.syncTimer = undefined;
    await this.ticking;
  }

  get size(): number {
    return this.armed.size;
  }

  /** Whether the clock runs here (started, not stopped): queue mode runs it on the leader only. */
  get clockRunning(): boolean {
    return !this.stopped;
  }

  private reschedule(): void {
    if (this.stopped || this.running) return;
    clearTimeout(this.timer);
    let earliest: number | undefined;
    for (const list of this.armed.values()) {
      for (const a of list)
        if (a.next !== undefined && (earliest === undefined || a.next < earliest)) earliest = a.next;
    }
    if (earliest === undefined) return;
    const delay = Math.min(Math.max(0, earliest - Date.now()), this.options.maxSleepMs ?? 60_000);
    this.timer = setTimeout(() => {
      this.ticking = this.tick();
    }, delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.running = true;
    try {
      const now = Date.now();
      for (const list of [...this.armed.values()]) {
        for (const a of list) {
          if (this.stopped) return;
          if (a.next !== undefined && a.next <= now) await this.fire(a, now);
        }
      }
    } catch (error) {
      this.options.log.error({ err: error }, 'schedule tick failed');
    } finally {
      this.running = false;
      this.reschedule();
    }
  }

  private async fire(armed: Armed, now: number): Promise<void> {
    const { entry } = armed;
    const tick = armed.next ?? now;
    const tickIso = new Date(tick).toISOString();
    // Late ticks (a busy loop, a fire-once at start) never pile up: the next one is after now.
    const next = nextTick(entry, Math.max(tick, now));
    const due = rulesAt(entry, tick).filter(({ rule }) => {
      const last = armed.state.lastRuns[String(rule.index)];
      return isRecurrenceDue(
        rule.recurrence,
        new Date(tick),
        last ? new Date(last) : undefined,
        entry.timezone,
      );
    });
    const lastRuns = { ...armed.state.lastRuns };
    for (const { rule } of due) lastRuns[String(rule.index)] = tickIso;
    const state = { signature: entry.signature, lastRuns };
    const claimed = await this.store.claim(entry.workflowId, entry.node.id, tickIso, {
      state,
      nextFireAt: iso(next),
    });
    if (!claimed) {
      const row = await this.store.read(entry.workflowId, entry.node.id);
      if (!row) {
        // Deactivated by another instance.
        this.armed.delete(entry.workflowId);
        return;
      }
      armed.state = row.state;
      const stored = row.nextFireAt === null ? undefined : Date.parse(row.nextFireAt);
      armed.next = stored !== undefined && stored > tick ? stored : next;
      return;
    }
    armed.state = state;
    armed.next = next;
    const log = { workflowId: entry.workflowId, node: entry.node.name, tick: tickIso };
    this.options.log.info({ ...log, rules: due.map((d) => d.rule.index) }, 'schedule tick claimed');
    for (const _ of due) this.startRun(entry, tick, log);
  }

  private startRun(entry: ScheduleEntry, tick: number, log: Record<string, string>): void {
    const run = async () => {
      const started = await this.options.runner().start({
        workflow: entry.workflow,
        workflowId: entry.workflowId,
        workflowVersion: entry.workflowVersion,
        mode: 'schedule',
        triggerNode: entry.node.name,
        triggerItems: [{ json: scheduleItem(tick, entry.timezone) }],
        trigger: { kind: 'schedule', node: entry.node.name, tick: log.tick },
      });
      this.options.log.info({ ...log, executionId: started.executionId }, 'schedule fired');
      started.finished.catch((error: unknown) =>
        this.options.log.error(
          { err: error, ...log, executionId: started.executionId },
          'scheduled run failed',
        ),
      );
    };
    run().catch((error: unknown) =>
      this.options.log.warn({ err: error, ...log }, 'scheduled run failed to start'),
    );
  }
}
