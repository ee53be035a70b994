import { type Checkpoint, emptyRunState } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionWriter } from '../db/execution-writer.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { ExecutionRecorder } from './recorder.ts';
import { startRow } from './start-row.ts';

/** A node's step as the engine emits it (its content does not matter to the recorder). */
function step(seq: number): Checkpoint {
  return {
    seq,
    node: `N${seq}`,
    runIndex: 0,
    stackShift: 1,
    stackPush: [],
    counted: true,
    status: 'running',
  };
}

/**
 * Queue mode's recorder on PostgreSQL: the database must keep a gapless prefix of a run. The engine
 * does not wait for a checkpoint before a node that may run again, so a later checkpoint can be
 * queued while an earlier one is still being committed; when that earlier one is lost (PostgreSQL
 * cut), the later one must not be committed after it came back. The chaos suite's PostgreSQL outage
 * found such a gap: no worker could rebuild the run again ("Checkpoint 2 does not follow state at 0").
 */
describe('execution recorder in queue mode (postgres)', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase('postgres');
  });
  afterAll(async () => t?.dispose());

  /** A saved execution (row and start checkpoint), and a writer whose first write waits for `release`. */
  async function saved(id: string) {
    const workflow = { name: 'w', nodes: [], connections: {}, settings: {} };
    const row = startRow(
      { workflow, mode: 'webhook' },
      {
        executionId: id,
        projectId: null,
        workflowId: null,
        admission: 'queue',
        startedAt: new Date().toISOString(),
        instanceId: '',
      },
    );
    const real = t.database.executions;
    await real.write({
      inserts: [row],
      checkpoints: [{ executionId: id, seq: 0, kind: 'start', payload: '{}', createdAt: row.createdAt }],
    });
    let release!: (committed: boolean) => void;
    const released = new Promise<boolean>((resolve) => {
      release = resolve;
    });
    const batches: number[] = [];
    const writer: ExecutionWriter = {
      async write(batch) {
        batches.push(batch.checkpoints?.length ?? 0);
        if (batches.length === 1 && !(await released)) throw new Error('Connection terminated unexpectedly');
        await real.write(batch);
      },
      flush: () => real.flush(),
    };
    const errors: unknown[] = [];
    const recorder = new ExecutionRecorder({
      writer,
      policy: 'all',
      row,
      existing: true,
      stopAfterLostWrite: true,
      onWriteError: (error) => errors.push(error),
    });
    const seqs = async () =>
      (
        await t.database.db
          .selectFrom('execution_checkpoints')
          .select('seq')
          .where('execution_id', '=', id)
          .orderBy('seq')
          .execute()
      ).map((r) => Number(r.seq));
    return { recorder, release, batches, errors, seqs };
  }

  it('commits nothing after a lost write, even once the database is back', async () => {
    const { recorder, release, errors, seqs } = await saved('lost-then-back');
    const first = recorder.checkpoint(step(1));
    // The engine went on to the next node without waiting for the first commit.
    const second = recorder.checkpoint(step(2));
    release(false);
    await Promise.all([first, second]);
    expect(errors).toHaveLength(1);
    // Checkpoint 2 alone would leave a gap no worker could rebuild the run from.
    expect(await seqs()).toEqual([0]);
    // The outcome is not written either: the row stays for another worker, as after a crash.
    const now = new Date().toISOString();
    await recorder.finish({
      ...emptyRunState('lost-then-back', 'webhook', now),
      status: 'success',
      finishedAt: now,
    });
    expect(await seqs()).toEqual([0]);
  });

  it('keeps the order and batches what arrives while a write is in flight', async () => {
    const { recorder, release, batches, errors, seqs } = await saved('in-order');
    const pending = [
      recorder.checkpoint(step(1)),
      recorder.checkpoint(step(2)),
      recorder.checkpoint(step(3)),
    ];
    release(true);
    await Promise.all(pending);
    expect(errors).toEqual([]);
    expect(await seqs()).toEqual([0, 1, 2, 3]);
    // The first write, then the two queued behind it in one: no more commits than one per write.
    expect(batches).toEqual([1, 2]);
  });
});
