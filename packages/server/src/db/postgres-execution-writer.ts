import type { Kysely } from 'kysely';
import type { DialectAdapter } from './dialect.ts';
import {
  type CommitGroup,
  type ExecutionUpdate,
  type ExecutionWriter,
  groupCommitWriter,
} from './execution-writer.ts';
import type { Tables } from './tables.ts';

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** One transaction per group with multi-row inserts: the commit (and its fsync) is shared by every execution in it. */
export function postgresExecutionWriter(db: Kysely<Tables>, adapter: DialectAdapter): ExecutionWriter {
  const json = (value: unknown) => (value === undefined || value === null ? null : adapter.json(value));
  const updateSet = (u: ExecutionUpdate) => ({
    ...(u.status === undefined ? {} : { status: u.status }),
    ...(u.startedAt === undefined ? {} : { started_at: u.startedAt }),
    ...(u.finishedAt === undefined ? {} : { finished_at: u.finishedAt }),
    ...(u.durationMs === undefined ? {} : { duration_ms: u.durationMs }),
    ...(u.waitTill === undefined ? {} : { wait_till: u.waitTill }),
    ...(u.error === undefined ? {} : { error: json(u.error) }),
    ...(u.runState === undefined ? {} : { run_state: json(u.runState) }),
    ...(u.instanceId === undefined ? {} : { instance_id: u.instanceId }),
    ...(u.heartbeatAt === undefined ? {} : { heartbeat_at: u.heartbeatAt }),
  });
  const commit: CommitGroup = (batch) =>
    db.transaction().execute(async (trx) => {
      // Chunks keep each statement under PostgreSQL's 65,535 bind parameters.
      for (const inserts of chunks(batch.inserts, 1000)) {
        await trx
          .insertInto('executions')
          .values(
            inserts.map((e) => ({
              id: e.id,
              project_id: e.projectId ?? null,
              workflow_id: e.workflowId,
              workflow_version: e.workflowVersion,
              workflow_data: json(e.workflowData),
              status: e.status,
              mode: e.mode,
              trigger: json(e.trigger),
              parent_execution_id: e.parentExecutionId ?? null,
              retry_of: e.retryOf ?? null,
              started_at: e.startedAt ?? null,
              instance_id: e.instanceId ?? null,
              created_at: e.createdAt,
            })),
          )
          .execute();
      }
      for (const checkpoints of chunks(batch.checkpoints, 2000)) {
        await trx
          .insertInto('execution_checkpoints')
          .values(
            checkpoints.map((c) => ({
              execution_id: c.executionId,
              seq: c.seq,
              kind: c.kind,
              payload: c.payload,
              created_at: c.createdAt,
            })),
          )
          .execute();
      }
      for (const u of batch.updates) {
        const set = updateSet(u);
        if (Object.keys(set).length > 0)
          await trx.updateTable('executions').set(set).where('id', '=', u.id).execute();
      }
    });
  return groupCommitWriter(commit);
}
