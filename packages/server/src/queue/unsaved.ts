import type { BinaryStore } from '@guixu/core';
import type { Redis } from 'ioredis';
import type { Database } from '../db/dialect.ts';
import type { RunnerLogger } from '../runner/runner-types.ts';
import type { SaveDataPolicy } from '../runner/types.ts';
import type { QueueKeys } from './redis.ts';

/** A save policy that may drop an execution when it ends (`all` keeps everything). */
export type DroppingPolicy = Exclude<SaveDataPolicy, 'all'>;

const FINAL = new Set(['success', 'error', 'canceled']);
/** A finished execution the process that queued it did not drop this long after (it died) is dropped by the leader. */
export const SWEEP_AFTER_MS = 60_000;
/** How many marked executions one sweep looks at. */
const SWEEP_BATCH = 200;

/**
 * Whether an execution that ended with `status` is dropped under `policy`, as
 * the single-process recorder decides (runner/recorder.ts `finish`): a wait
 * is always kept; `errors` keeps everything but a success; `none` keeps
 * nothing. Only the first run of an execution is concerned: once it waited it
 * lives in the database and is kept whatever its policy (a resumed run is
 * recorded under `all`), in both modes.
 */
export function dropsUnder(policy: SaveDataPolicy, status: string): boolean {
  if (!FINAL.has(status)) return false;
  return policy === 'none' || (policy === 'errors' && status === 'success');
}

/**
 * Save policies `errors` and `none` in queue mode. A queued execution must be
 * in the database for a worker to find it (and its checkpoints make it
 * survive a crash), so the policy is applied when it ends: the process that
 * queued it (it holds whoever waits for the result) drops it once it read the
 * outcome; every such execution is also marked in a Redis sorted set, so the
 * leader drops the ones whose queueing process died before it could.
 */
export class UnsavedExecutions {
  constructor(
    private readonly options: {
      redis: Redis;
      keys: QueueKeys;
      database: Database;
      binary: BinaryStore;
      log: RunnerLogger;
    },
  ) {}

  private member(policy: DroppingPolicy, executionId: string): string {
    return `${policy}:${executionId}`;
  }

  /** Marks an execution about to be queued under a dropping policy. */
  async mark(policy: DroppingPolicy, executionId: string): Promise<void> {
    await this.options.redis.zadd(this.options.keys.unsaved, Date.now(), this.member(policy, executionId));
  }

  /** The execution stopped (ended or waits) with `status`: dropped when the policy says so, unmarked either way. */
  async settled(policy: DroppingPolicy, executionId: string, status: string): Promise<void> {
    if (dropsUnder(policy, status)) await this.drop(executionId);
    await this.options.redis.zrem(this.options.keys.unsaved, this.member(policy, executionId));
  }

  /**
   * The leader's safety net: marked executions that finished more than
   * `SWEEP_AFTER_MS` ago are dropped (or kept) by their policy; running ones
   * are looked at again later. Returns how many were dropped.
   */
  async sweep(now = Date.now()): Promise<number> {
    const { redis, keys, database } = this.options;
    const members = await redis.zrangebyscore(
      keys.unsaved,
      '-inf',
      now - SWEEP_AFTER_MS,
      'LIMIT',
      0,
      SWEEP_BATCH,
    );
    let dropped = 0;
    for (const member of members) {
      const split = member.indexOf(':');
      const policy = member.slice(0, split);
      const executionId = member.slice(split + 1);
      if (policy !== 'errors' && policy !== 'none') {
        await redis.zrem(keys.unsaved, member);
        continue;
      }
      const row = await database.db
        .selectFrom('executions')
        .select(['status', 'finished_at'])
        .where('id', '=', executionId)
        .executeTakeFirst();
      const finishedAt = row?.finished_at ? Date.parse(row.finished_at) : Number.NaN;
      if (row && FINAL.has(row.status) && !(finishedAt < now - SWEEP_AFTER_MS)) {
        // Just finished: the process that queued it may still be answering its caller.
        await redis.zadd(keys.unsaved, 'XX', now, member);
        continue;
      }
      if (row && (row.status === 'new' || row.status === 'running')) {
        await redis.zadd(keys.unsaved, 'XX', now, member);
        continue;
      }
      if (row && dropsUnder(policy, row.status)) {
        await this.drop(executionId);
        dropped++;
      }
      await redis.zrem(keys.unsaved, member);
    }
    if (dropped > 0)
      this.options.log.warn({ count: dropped }, 'unsaved executions of a stopped process dropped');
    return dropped;
  }

  /** Deletes the execution: its row, checkpoints (cascade) and binary data. */
  private async drop(executionId: string): Promise<void> {
    await this.options.database.db.deleteFrom('executions').where('id', '=', executionId).execute();
    await this.options.binary.deleteExecution(executionId);
  }
}
