import type { BinaryStore } from '@guixu/core';
import type { ExecutionRepository } from './repository.ts';

export interface RetentionPolicy {
  /** Finished executions older than this many days are deleted; 0 keeps them. */
  maxAgeDays: number;
  /** At most this many finished executions are kept; 0 means no limit. */
  maxCount: number;
}

const BATCH = 500;

/**
 * Deletes finished executions past the retention policy, with their
 * checkpoints (cascade) and binary data. Running and waiting executions are
 * never pruned. Works in batches so one run never holds a long transaction.
 */
export async function pruneExecutions(
  repo: ExecutionRepository,
  binary: BinaryStore,
  policy: RetentionPolicy,
  now = Date.now(),
): Promise<number> {
  let deleted = 0;
  const remove = async (ids: string[]) => {
    await repo.deleteMany(ids);
    for (const id of ids) await binary.deleteExecution(id);
    deleted += ids.length;
  };
  if (policy.maxAgeDays > 0) {
    const cutoff = new Date(now - policy.maxAgeDays * 86_400_000).toISOString();
    for (;;) {
      const ids = await repo.finishedBefore(cutoff, BATCH);
      if (ids.length === 0) break;
      await remove(ids);
    }
  }
  if (policy.maxCount > 0) {
    for (;;) {
      const ids = await repo.finishedBeyond(policy.maxCount, BATCH);
      if (ids.length === 0) break;
      await remove(ids);
    }
  }
  return deleted;
}
