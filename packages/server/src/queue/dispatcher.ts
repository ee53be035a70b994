import { randomBytes } from 'node:crypto';
import {
  emptyRunState,
  type EngineEvent,
  type ExecutionMode,
  GuixuError,
  type ResumeInput,
  type RunState,
  toPlainError,
  type WebhookResponse,
} from '@guixu/core';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Database } from '../db/dialect.ts';
import type { ExecutionInsert } from '../db/execution-writer.ts';
import type { ExecutionRow, ExecutionStore } from '../runner/execution-store.ts';
import { START_KIND } from '../runner/recorder.ts';
import type { RemoteExecutions } from '../runner/remote-executions.ts';
import type { RunnerLogger } from '../runner/runner-types.ts';
import type { ExecutionHandle, SaveDataPolicy } from '../runner/types.ts';
import type { JobData } from './job-data.ts';
import { priorityOf } from './job-data.ts';
import type { ClusterMessage } from './messages.ts';
import type { QueueKeys } from './redis.ts';
import type { DroppingPolicy, UnsavedExecutions } from './unsaved.ts';

interface Pending {
  resolve(state: RunState): void;
  respondToWebhook?: (response: WebhookResponse) => void;
  onEvent?: (event: EngineEvent) => void;
  since: number;
  /** The execution's mode (a deleted execution's caller gets a state that says so). */
  mode: ExecutionMode;
  settling: boolean;
  /** A save policy that may drop the execution once its outcome was read (queue/unsaved.ts). */
  policy?: DroppingPolicy;
  /** It suspended once: it lives in the database now and is kept whatever its policy. */
  waited?: boolean;
}

export interface DispatcherOptions {
  queue: Queue;
  /** The producer's connection (fail-fast): its state says whether Redis is reachable. */
  redis: Redis;
  keys: QueueKeys;
  database: Database;
  store: ExecutionStore;
  log: RunnerLogger;
  /** Jobs waiting before new ones are refused with 429. */
  maxPending: number;
  /** Suggested wait of a refused caller. */
  retryAfterMs?: number;
  /** Applies the save policies `errors` and `none` (absent: every execution is kept). */
  unsaved?: UnsavedExecutions;
}

const ACTIVE = new Set(['new', 'running']);
/** How long a cancel waits for the worker to end the execution before it answers anyway. */
const CANCEL_WAIT_MS = 10_000;
/** How long the leader remembers which job an execution was queued as. */
export const JOB_OF_TTL_S = 7 * 86_400;
/** A finish announcement can be missed (Redis restarted): the database is asked after this long. */
const POLL_MS = 2000;
/** Executions whose status one poll query reads. */
const POLL_BATCH = 500;
/**
 * An execution the save policy drops goes this long after its caller got the outcome: a
 * webhook that answers with the last node's binary data opens it from the store after that.
 */
const DROP_GRACE_MS = 1000;

/**
 * The main's half of queue mode: saves a new execution (row and start state)
 * before queueing its id, so a worker finds everything in the database and
 * nothing accepted is lost; refuses at once (503, 429) when it cannot accept.
 * Callers that wait for the result (webhooks that answer with the last node)
 * get it when a worker announces the finish, or from the database.
 */
export class QueueDispatcher implements RemoteExecutions {
  private readonly pending = new Map<string, Pending>();
  private depth = { value: 0, at: 0 };
  private readonly poller: NodeJS.Timeout;
  private readonly drops = new Set<NodeJS.Timeout>();
  private polling = false;

  constructor(private readonly options: DispatcherOptions) {
    this.poller = setInterval(() => this.poll(), POLL_MS);
    this.poller.unref();
  }

  get waitingForResults(): number {
    return this.pending.size;
  }

  async start(input: {
    row: ExecutionInsert;
    state: RunState;
    policy?: SaveDataPolicy;
    respondToWebhook?: (response: WebhookResponse) => void;
    onEvent?: (event: EngineEvent) => void;
  }): Promise<ExecutionHandle> {
    const { row, state } = input;
    const unsaved = this.options.unsaved;
    const policy = unsaved && input.policy !== undefined && input.policy !== 'all' ? input.policy : undefined;
    this.assertRedisUp();
    await this.assertRoom();
    // Saved first (a database error becomes 503 DATABASE_UNAVAILABLE): the job is only an id.
    await this.options.database.executions.write({
      inserts: [row],
      checkpoints: [
        {
          executionId: row.id,
          seq: state.seq,
          kind: START_KIND,
          payload: JSON.stringify(state),
          createdAt: row.createdAt,
        },
      ],
    });
    const finished = this.track(row.id, state.mode, input, policy);
    try {
      // Marked before it can run: if this process dies, the leader still applies the policy.
      if (policy) await unsaved?.mark(policy, row.id);
      await this.enqueue({ executionId: row.id }, row.id, priorityOf(row.mode, false));
    } catch (error) {
      this.pending.delete(row.id);
      // Not accepted: the caller hears 503 and retries, so this row must never run.
      await this.options.store
        .fail(row.id, toPlainError(unavailable(error)))
        .catch((failError: unknown) =>
          this.options.log.error(
            { err: failError, executionId: row.id },
            'could not mark a refused execution',
          ),
        );
      throw unavailable(error);
    }
    return { executionId: row.id, finished, saved: Promise.resolve() };
  }

  async resume(input: {
    row: ExecutionRow;
    seq: number;
    input: ResumeInput;
    respondToWebhook?: (response: WebhookResponse) => void;
  }): Promise<ExecutionHandle> {
    const { row } = input;
    const finished = this.track(row.id, row.mode as ExecutionMode, input);
    try {
      this.assertRedisUp();
      // A job id of its own for every claim: the same checkpoint can be resumed twice (a worker that
      // recovered its run job put it back to waiting and consumed the first resume job), and BullMQ
      // ignores an add whose id it still keeps as completed: the claim would never be run.
      await this.enqueue(
        { executionId: row.id, resume: input.input },
        `${row.id}-r${input.seq}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`,
        1,
      );
    } catch (error) {
      this.pending.delete(row.id);
      // Back to waiting: the resume can be tried again (the next wait scan, the caller's retry).
      await this.options.store.unclaim(row.id, row.wait_till);
      throw unavailable(error);
    }
    return { executionId: row.id, finished };
  }

  async cancel(executionId: string): Promise<void> {
    this.assertRedisUp();
    const { redis, keys } = this.options;
    // Kept for a worker that takes the job later (it is still queued), announced to the one running it.
    await redis.set(keys.canceled(executionId), '1', 'EX', 86_400);
    await redis.publish(keys.control, JSON.stringify({ t: 'cancel', executionId }));
    const deadline = Date.now() + CANCEL_WAIT_MS;
    while (Date.now() < deadline) {
      const row = await this.options.store.findRow(executionId);
      if (!row || !ACTIVE.has(row.status)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Messages from workers (queue/bridge.ts). */
  onMessage(message: ClusterMessage): void {
    if (message.t === 'finished') {
      void this.settle(message.executionId, message.status);
      return;
    }
    if (message.t === 'respond') {
      const pending = this.pending.get(message.executionId);
      const respond = pending?.respondToWebhook;
      if (pending && respond) {
        // Answered once: a redelivered job that responds again is not this caller's business.
        pending.respondToWebhook = undefined;
        respond(message.response);
      }
    }
  }

  /** Stops polling; drops not done yet are left to the leader's sweep (they are still marked). */
  close(): void {
    clearInterval(this.poller);
    for (const timer of this.drops) clearTimeout(timer);
    this.drops.clear();
  }

  private track(
    executionId: string,
    mode: ExecutionMode,
    input: { respondToWebhook?: (response: WebhookResponse) => void; onEvent?: (event: EngineEvent) => void },
    policy?: DroppingPolicy,
  ): Promise<RunState> {
    return new Promise<RunState>((resolve) => {
      this.pending.set(executionId, {
        resolve,
        since: Date.now(),
        mode,
        settling: false,
        ...(input.respondToWebhook ? { respondToWebhook: input.respondToWebhook } : {}),
        ...(input.onEvent ? { onEvent: input.onEvent } : {}),
        ...(policy ? { policy } : {}),
      });
    });
  }

  /** Applies the save policy once the caller had the outcome (queue/unsaved.ts). */
  private applyPolicy(executionId: string, policy: DroppingPolicy, status: string): void {
    const unsaved = this.options.unsaved;
    if (!unsaved) return;
    const timer = setTimeout(() => {
      this.drops.delete(timer);
      unsaved.settled(policy, executionId, status).catch((error: unknown) => {
        // Still marked: the leader's sweep applies the policy later.
        this.options.log.warn({ err: error, executionId }, 'could not apply the save policy');
      });
    }, DROP_GRACE_MS);
    timer.unref();
    this.drops.add(timer);
  }

  private async enqueue(data: JobData, jobId: string, priority: number): Promise<void> {
    await this.options.queue.add('execution', data, { jobId, priority });
    await this.options.redis.set(this.options.keys.jobOf(data.executionId), jobId, 'EX', JOB_OF_TTL_S);
    this.depth.value++;
  }

  private assertRedisUp(): void {
    if (this.options.redis.status !== 'ready') throw unavailable(undefined);
  }

  /** Back-pressure on the queue's depth (read at most every 250 ms, so a burst costs no round trip each). */
  private async assertRoom(): Promise<void> {
    const now = Date.now();
    if (now - this.depth.at > 250) {
      try {
        const counts = await this.options.queue.getJobCounts('wait', 'prioritized');
        this.depth = { value: (counts.wait ?? 0) + (counts.prioritized ?? 0), at: now };
      } catch (error) {
        throw unavailable(error);
      }
    }
    if (this.depth.value >= this.options.maxPending) {
      throw new GuixuError(
        'EXECUTION_QUEUE_FULL',
        `Too many executions waiting for a worker (${this.depth.value}); try again later`,
        {
          retryable: true,
          retryAfterMs: this.options.retryAfterMs ?? 1000,
          details: { pending: this.depth.value },
        },
      );
    }
  }

  private poll(): void {
    if (this.polling) return;
    const now = Date.now();
    const due: string[] = [];
    for (const [id, pending] of this.pending) {
      if (!pending.settling && now - pending.since >= POLL_MS) due.push(id);
    }
    if (due.length === 0) return;
    this.polling = true;
    void this.pollStatuses(due).finally(() => {
      this.polling = false;
    });
  }

  /**
   * One query per `POLL_BATCH` waiting executions, not one each: with a deep queue a main
   * waits for thousands, and a query each every 2 s would load PostgreSQL for nothing.
   */
  private async pollStatuses(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += POLL_BATCH) {
      let rows: { id: string; status: string }[];
      try {
        rows = await this.options.database.db
          .selectFrom('executions')
          .select(['id', 'status'])
          .where('id', 'in', ids.slice(i, i + POLL_BATCH))
          .execute();
      } catch (error) {
        // The database is down: the next poll tries again.
        this.options.log.warn({ err: error }, 'could not poll waiting executions');
        return;
      }
      for (const row of rows) if (!ACTIVE.has(row.status)) void this.settle(row.id, row.status);
      // Deleted before it ended (its row is written before anyone waits for it).
      const found = new Set(rows.map((row) => row.id));
      for (const id of ids.slice(i, i + POLL_BATCH)) if (!found.has(id)) this.deleted(id);
    }
  }

  /** Its caller hears that the execution was deleted before it ended (it is waited for no longer). */
  private deleted(executionId: string): void {
    const pending = this.pending.get(executionId);
    if (!pending) return;
    this.pending.delete(executionId);
    const now = new Date().toISOString();
    pending.resolve({
      ...emptyRunState(executionId, pending.mode, new Date(pending.since).toISOString()),
      status: 'canceled',
      finishedAt: now,
      error: { code: 'EXECUTION_DELETED', message: `Execution ${executionId} was deleted before it ended` },
    });
  }

  /**
   * Resolves a waiting caller with the stored state once the execution ended or suspended. `seen`: the
   * status the worker reported or the poll read, which may be older than the state read here.
   */
  private async settle(executionId: string, seen: string): Promise<void> {
    const pending = this.pending.get(executionId);
    if (!pending || pending.settling) return;
    pending.settling = true;
    try {
      if (seen === 'waiting') pending.waited = true;
      const row = await this.options.store.findRow(executionId);
      // Running again already: a short wait resumed on the worker before this read.
      if (row && ACTIVE.has(row.status)) return;
      if (!row) {
        this.deleted(executionId);
        return;
      }
      const state = await this.options.store.loadState(executionId);
      this.pending.delete(executionId);
      pending.resolve(state);
      // A run that waited is kept whatever its policy, even when its wait resumed and ended before this read.
      if (pending.policy)
        this.applyPolicy(executionId, pending.policy, pending.waited ? 'waiting' : state.status);
    } catch (error) {
      // The database is down: the next poll tries again.
      this.options.log.warn({ err: error, executionId }, 'could not read a finished execution');
    } finally {
      pending.settling = false;
    }
  }
}

function unavailable(cause: unknown): GuixuError {
  return new GuixuError(
    'QUEUE_UNAVAILABLE',
    'The execution queue is not reachable right now; try again shortly',
    {
      retryable: true,
      retryAfterMs: 2000,
      audience: 'operator',
      ...(cause === undefined ? {} : { cause }),
    },
  );
}
