/**
 * The hot path: saving executions and their checkpoints. Writes from all
 * running executions are grouped and committed together, one transaction per
 * tick (group commit), so the per-execution database work stays a few
 * prepared-statement runs. Each backend implements `commit` for a group.
 */
export interface ExecutionInsert {
  id: string;
  projectId?: string | null;
  workflowId: string | null;
  workflowVersion: number | null;
  /** Snapshot of an unsaved document (editor runs); JSON. */
  workflowData?: unknown;
  status: string;
  mode: string;
  trigger?: unknown;
  parentExecutionId?: string | null;
  retryOf?: string | null;
  startedAt?: string | null;
  instanceId?: string | null;
  createdAt: string;
}

/** Columns to change; absent fields stay as they are, `null` clears. */
export interface ExecutionUpdate {
  id: string;
  status?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  durationMs?: number | null;
  waitTill?: string | null;
  error?: unknown;
  runState?: unknown;
  instanceId?: string | null;
  heartbeatAt?: string | null;
}

export interface CheckpointInsert {
  executionId: string;
  seq: number;
  kind: string;
  /** Compact JSON text, stored as is. */
  payload: string;
  createdAt: string;
}

export interface WriteBatch {
  inserts?: ExecutionInsert[];
  checkpoints?: CheckpointInsert[];
  updates?: ExecutionUpdate[];
}

export interface ExecutionWriter {
  /** Resolves once the batch is committed (rejects with the database error if it could not be). */
  write(batch: WriteBatch): Promise<void>;
  /** Commits everything queued so far. */
  flush(): Promise<void>;
}

/** Commits a group in one transaction: inserts, then checkpoints, then updates in order. */
export type CommitGroup = (batch: Required<WriteBatch>) => Promise<void> | void;

interface Pending {
  batch: WriteBatch;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Queues batches and commits them together on the next tick. When a group
 * fails, its batches are retried one by one so one bad batch fails alone.
 *
 * A commit is synchronous work on the event loop (better-sqlite3), so one tick
 * commits at most `maxGroup` batches; the rest go in the next tick, after the
 * I/O that arrived meanwhile. A burst therefore never holds every request
 * behind one long transaction (the p99 of webhook responses).
 */
export function groupCommitWriter(commit: CommitGroup, maxGroup = 128): ExecutionWriter {
  let queue: Pending[] = [];
  let scheduled: Promise<void> | undefined;

  const merge = (items: Pending[]): Required<WriteBatch> => {
    const out: Required<WriteBatch> = { inserts: [], checkpoints: [], updates: [] };
    for (const { batch } of items) {
      if (batch.inserts) out.inserts.push(...batch.inserts);
      if (batch.checkpoints) out.checkpoints.push(...batch.checkpoints);
      if (batch.updates) out.updates.push(...batch.updates);
    }
    return out;
  };

  const drainOneGroup = async (): Promise<void> => {
    if (queue.length === 0) return;
    const group = queue.length <= maxGroup ? queue : queue.slice(0, maxGroup);
    queue = queue.length <= maxGroup ? [] : queue.slice(maxGroup);
    try {
      await commit(merge(group));
      for (const p of group) p.resolve();
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        return;
      }
      for (const p of group) {
        try {
          await commit(merge([p]));
          p.resolve();
        } catch (single) {
          p.reject(single);
        }
      }
    }
  };

  const schedule = (): Promise<void> => {
    scheduled ??= new Promise<void>((resolve) => setImmediate(resolve)).then(drainOneGroup).finally(() => {
      scheduled = undefined;
      if (queue.length > 0) void schedule();
    });
    return scheduled;
  };

  return {
    write(batch) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ batch, resolve, reject });
        void schedule();
      });
    },
    async flush() {
      while (scheduled || queue.length > 0) await (scheduled ?? schedule());
    },
  };
}
