import type { PlainError } from '@guixu/core';
import type { Selectable } from 'kysely';
import type { Database } from '../db/dialect.ts';
import type { ExecutionInsert } from '../db/execution-writer.ts';
import type { ExecutionsTable } from '../db/tables.ts';
import { STEP_KIND } from './recorder.ts';
import { isCheckpoint, rebuildState } from './state-codec.ts';

export type ExecutionRow = Selectable<ExecutionsTable>;

/** Reads and ownership changes of stored executions (never on the hot path). */
export class ExecutionStore {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  findRow(id: string): Promise<ExecutionRow | undefined> {
    return this.db.selectFrom('executions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async loadState(id: string) {
    const checkpoints = await this.db
      .selectFrom('execution_checkpoints')
      .select(['seq', 'kind', 'payload'])
      .where('execution_id', '=', id)
      .orderBy('seq')
      .execute();
    return rebuildState(id, checkpoints);
  }

  /** The state the execution started from (checkpoint 0). */
  async loadStartState(id: string) {
    const checkpoints = await this.db
      .selectFrom('execution_checkpoints')
      .select(['seq', 'kind', 'payload'])
      .where('execution_id', '=', id)
      .where('seq', '=', 0)
      .execute();
    return rebuildState(id, checkpoints);
  }

  /** Whether the execution ever suspended waiting for `reason` (tells "already resumed" from "never waited"). */
  async everWaitedFor(id: string, reason: string): Promise<boolean> {
    const rows = await this.db
      .selectFrom('execution_checkpoints')
      .select('payload')
      .where('execution_id', '=', id)
      .where('kind', '=', STEP_KIND)
      .where('payload', 'like', '%"resumeOn"%')
      .execute();
    return rows.some((row) => {
      const checkpoint: unknown = JSON.parse(row.payload);
      return isCheckpoint(checkpoint) && (checkpoint.suspended?.resumeOn.some((r) => r === reason) ?? false);
    });
  }

  /**
   * Takes a waiting execution for this instance; false when someone else resumed or canceled it first.
   * `null` (queue mode): the claim belongs to no process, so it is not kept alive by the heartbeat of the
   * one that queued its resume; if the resume job is lost (Redis restarted), the leader's reconciler
   * finds the row stale with no job and queues it again.
   */
  async claimWaiting(id: string, instanceId: string | null): Promise<boolean> {
    const now = new Date().toISOString();
    const result = await this.db
      .updateTable('executions')
      .set({ status: 'running', instance_id: instanceId, heartbeat_at: now, wait_till: null })
      .where('id', '=', id)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Cancels a waiting execution in one transaction: the row ends `canceled`
   * and a last checkpoint records it, so the rebuilt state says so too.
   */
  async cancelWaiting(
    id: string,
    checkpoint: { seq: number; payload: string },
    finishedAt: string,
    durationMs: number,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('executions')
        .set({
          status: 'canceled',
          finished_at: finishedAt,
          duration_ms: durationMs,
          wait_till: null,
          instance_id: null,
        })
        .where('id', '=', id)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await trx
        .insertInto('execution_checkpoints')
        .values({
          execution_id: id,
          seq: checkpoint.seq,
          kind: STEP_KIND,
          payload: checkpoint.payload,
          created_at: finishedAt,
        })
        .execute();
      return true;
    });
  }

  /** Puts a claimed execution back to waiting (its resume could not start). */
  async unclaim(id: string, waitTill: string | null): Promise<void> {
    await this.db
      .updateTable('executions')
      .set({ status: 'waiting', instance_id: null, wait_till: waitTill })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Executions left `running`/`new` by a dead process: this instance's own
   * (from before a restart), unowned ones, and others' with a stale heartbeat.
   */
  async orphans(
    instanceId: string,
    staleBefore: string,
    exclude: readonly string[],
    includeOwn: boolean,
  ): Promise<ExecutionRow[]> {
    const rows = await this.db
      .selectFrom('executions')
      .selectAll()
      .where('status', 'in', ['running', 'new'])
      .where((eb) => {
        const stale = eb.or([
          eb('heartbeat_at', '<', staleBefore),
          eb.and([eb('heartbeat_at', 'is', null), eb('created_at', '<', staleBefore)]),
        ]);
        if (includeOwn)
          return eb.or([eb('instance_id', '=', instanceId), eb('instance_id', 'is', null), stale]);
        return eb.and([eb.or([eb('instance_id', '!=', instanceId), eb('instance_id', 'is', null)]), stale]);
      })
      .orderBy('created_at')
      .limit(1000)
      .execute();
    const skip = new Set(exclude);
    return rows.filter((row) => !skip.has(row.id));
  }

  /** Claims an orphan; false when another instance took it first. */
  async claimOrphan(row: ExecutionRow, instanceId: string): Promise<boolean> {
    const now = new Date().toISOString();
    let q = this.db
      .updateTable('executions')
      .set({ instance_id: instanceId, heartbeat_at: now })
      .where('id', '=', row.id)
      .where('status', '=', row.status);
    q =
      row.instance_id === null
        ? q.where('instance_id', 'is', null)
        : q.where('instance_id', '=', row.instance_id);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Ends an execution that cannot continue. */
  async fail(id: string, error: PlainError): Promise<void> {
    await this.db
      .updateTable('executions')
      .set({
        status: 'error',
        finished_at: new Date().toISOString(),
        error: this.database.adapter.json(error),
        instance_id: null,
      })
      .where('id', '=', id)
      .execute();
  }

  /** One statement for every execution this instance runs. */
  async heartbeat(instanceId: string): Promise<void> {
    await this.db
      .updateTable('executions')
      .set({ heartbeat_at: new Date().toISOString() })
      .where('instance_id', '=', instanceId)
      // Queued (`new`) ones too: another instance must not take them over while they wait here.
      .where('status', 'in', ['running', 'new'])
      .execute();
  }

  /** Waiting executions due before `before` (time-based waits). */
  async dueWaits(before: string, limit = 500): Promise<{ id: string; wait_till: string | null }[]> {
    return this.db
      .selectFrom('executions')
      .select(['id', 'wait_till'])
      .where('status', '=', 'waiting')
      .where('wait_till', 'is not', null)
      .where('wait_till', '<=', before)
      .orderBy('wait_till')
      .limit(limit)
      .execute();
  }

  async countWaiting(): Promise<number> {
    const row = await this.db
      .selectFrom('executions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

/** The insert shape of a stored row, for a recorder that continues it. */
export function insertOf(row: ExecutionRow): ExecutionInsert {
  return {
    id: row.id,
    projectId: row.project_id,
    workflowId: row.workflow_id,
    workflowVersion: row.workflow_version,
    status: row.status,
    mode: row.mode,
    parentExecutionId: row.parent_execution_id,
    retryOf: row.retry_of,
    startedAt: row.started_at,
    instanceId: row.instance_id,
    createdAt: row.created_at,
  };
}
