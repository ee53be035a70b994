import {
  type ExecutionSummary,
  executionErrorSchema,
  executionStatusSchema,
  type ListExecutionsQuery,
} from '@guixu/api';
import { isRecord } from '@guixu/core';
import type { Database } from '../../db/dialect.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { ExecutionRow } from '../../runner/execution-store.ts';
import type { Actor } from '../../security/policy.ts';
import { scopeToActor } from '../../security/scope.ts';

const SORT = 'createdAt:desc';
export const FINISHED_STATUSES = ['success', 'error', 'canceled'] as const;

/** A stored row as the API shows it; stored JSON is checked, never trusted. */
export function summaryOf(database: Database, row: ExecutionRow): ExecutionSummary {
  const { adapter } = database;
  const trigger = adapter.readJson(row.trigger);
  const error = executionErrorSchema.safeParse(adapter.readJson(row.error));
  const status = executionStatusSchema.safeParse(row.status);
  return {
    id: row.id,
    workflowId: row.workflow_id,
    workflowVersion: row.workflow_version,
    status: status.success ? status.data : 'error',
    mode: row.mode,
    trigger: isRecord(trigger) ? trigger : null,
    parentExecutionId: row.parent_execution_id,
    retryOf: row.retry_of,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    waitTill: row.wait_till,
    error: error.success ? error.data : null,
    createdAt: row.created_at,
  };
}

export class ExecutionRepository {
  constructor(private readonly database: Database) {}

  /** With an `actor`, only executions of the projects they may see (owners and admins see all). */
  async list(
    query: ListExecutionsQuery,
    actor?: Actor,
  ): Promise<{ data: ExecutionSummary[]; nextCursor: string | null }> {
    let q = this.database.db.selectFrom('executions').selectAll();
    if (actor !== undefined) q = scopeToActor(q, actor, 'executions');
    if (query.workflowId) q = q.where('workflow_id', '=', query.workflowId);
    if (query.status) q = q.where('status', '=', query.status);
    if (query.mode) q = q.where('mode', '=', query.mode);
    if (query.startedAfter) q = q.where('created_at', '>=', new Date(query.startedAfter).toISOString());
    if (query.startedBefore) q = q.where('created_at', '<', new Date(query.startedBefore).toISOString());
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor, SORT);
      const at = String(cursor.v);
      q = q.where((eb) =>
        eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', cursor.id)])]),
      );
    }
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map((row) => summaryOf(this.database, row)),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor({ s: SORT, v: last.created_at, id: last.id }) : null,
    };
  }

  async delete(id: string): Promise<void> {
    await this.database.db.deleteFrom('executions').where('id', '=', id).execute();
  }

  /** Ids of finished executions created before `cutoff`, oldest first. */
  async finishedBefore(cutoff: string, limit: number): Promise<string[]> {
    const rows = await this.database.db
      .selectFrom('executions')
      .select('id')
      .where('status', 'in', FINISHED_STATUSES)
      .where('created_at', '<', cutoff)
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Ids of finished executions past the newest `keep`, oldest first. */
  async finishedBeyond(keep: number, limit: number): Promise<string[]> {
    const rows = await this.database.db
      .selectFrom('executions')
      .select('id')
      .where('status', 'in', FINISHED_STATUSES)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(keep)
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async deleteMany(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.database.db.deleteFrom('executions').where('id', 'in', ids).execute();
  }
}
