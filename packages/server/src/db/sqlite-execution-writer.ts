import type BetterSqlite3 from 'better-sqlite3';
import {
  type CommitGroup,
  type ExecutionUpdate,
  type ExecutionWriter,
  groupCommitWriter,
} from './execution-writer.ts';

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

const UPDATE_COLUMNS = {
  status: 'status',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  durationMs: 'duration_ms',
  waitTill: 'wait_till',
  error: 'error',
  runState: 'run_state',
  instanceId: 'instance_id',
  heartbeatAt: 'heartbeat_at',
} as const;
type UpdateField = keyof typeof UPDATE_COLUMNS;
const JSON_FIELDS = new Set<UpdateField>(['error', 'runState']);
const FIELDS = Object.keys(UPDATE_COLUMNS) as UpdateField[];

/** Prepared statements in one synchronous transaction per group: no query building on the hot path. */
export function sqliteExecutionWriter(native: BetterSqlite3.Database): ExecutionWriter {
  // Prepared on first write: the tables exist only once migrations ran.
  let commit: CommitGroup | undefined;
  return groupCommitWriter((batch) => {
    commit ??= prepareCommit(native);
    return commit(batch);
  });
}

function prepareCommit(native: BetterSqlite3.Database): CommitGroup {
  const insert = native.prepare(
    `insert into executions (id, project_id, workflow_id, workflow_version, workflow_data, status, mode, trigger,
       parent_execution_id, retry_of, started_at, instance_id, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const checkpoint = native.prepare(
    'insert into execution_checkpoints (execution_id, seq, kind, payload, created_at) values (?, ?, ?, ?, ?)',
  );
  // One statement per combination of updated columns, prepared on first use.
  const updates = new Map<string, BetterSqlite3.Statement>();
  const updateFor = (fields: UpdateField[]) => {
    const key = fields.join(',');
    let statement = updates.get(key);
    if (!statement) {
      const sets = fields.map((f) => `${UPDATE_COLUMNS[f]} = ?`).join(', ');
      statement = native.prepare(`update executions set ${sets} where id = ?`);
      updates.set(key, statement);
    }
    return statement;
  };
  const runUpdate = (u: ExecutionUpdate) => {
    const fields = FIELDS.filter((f) => u[f] !== undefined);
    if (fields.length === 0) return;
    const values = fields.map((f) => (JSON_FIELDS.has(f) ? json(u[f]) : u[f]));
    updateFor(fields).run(...values, u.id);
  };

  return native.transaction((batch: Parameters<CommitGroup>[0]) => {
    for (const e of batch.inserts) {
      insert.run(
        e.id,
        e.projectId ?? null,
        e.workflowId,
        e.workflowVersion,
        json(e.workflowData),
        e.status,
        e.mode,
        json(e.trigger),
        e.parentExecutionId ?? null,
        e.retryOf ?? null,
        e.startedAt ?? null,
        e.instanceId ?? null,
        e.createdAt,
      );
    }
    for (const c of batch.checkpoints) checkpoint.run(c.executionId, c.seq, c.kind, c.payload, c.createdAt);
    for (const u of batch.updates) runUpdate(u);
  });
}
