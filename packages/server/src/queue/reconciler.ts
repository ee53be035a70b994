import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { InProcessRunner, RunnerLogger } from '../runner/runner.ts';
import { JOB_OF_TTL_S } from './dispatcher.ts';
import type { QueueKeys } from './redis.ts';

/**
 * The leader's safety net: an execution left `new`/`running` with a stale
 * database heartbeat, no Redis heartbeat of its process and no live job
 * (Redis lost its jobs, or a child ran inside a worker that died) is queued
 * again under its own id; BullMQ ignores the add while that job waits or runs.
 */
export async function requeueOrphans(
  runner: InProcessRunner,
  queue: Queue,
  staleAfterMs: number,
  log: RunnerLogger,
  /** Whether a process still beats in Redis (a live one's executions are never queued again). */
  alive: (instanceId: string) => Promise<boolean>,
  redis: Redis,
  keys: QueueKeys,
): Promise<number> {
  const staleBefore = new Date(Date.now() - staleAfterMs).toISOString();
  const rows = await runner.store.orphans(runner.instanceId, staleBefore, [], false);
  let queued = 0;
  for (const row of rows) {
    if (row.instance_id !== null && (await alive(row.instance_id))) continue;
    // Its last job (a run or a resume) still waits or runs: BullMQ recovers it, never twice.
    const last = await redis.get(keys.jobOf(row.id));
    const job = last === null ? undefined : await queue.getJob(last);
    if (job) {
      const state = await job.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
    }
    const jobId = `${row.id}-o${Date.now()}`;
    await queue.add('execution', { executionId: row.id }, { jobId, priority: 1 });
    await redis.set(keys.jobOf(row.id), jobId, 'EX', JOB_OF_TTL_S);
    queued++;
  }
  if (queued > 0) log.warn({ count: queued }, 'orphaned executions queued again');
  return queued;
}
