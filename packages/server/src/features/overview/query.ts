import type { Overview } from '@guixu/api';
import { sql } from 'kysely';
import type { Database } from '../../db/dialect.ts';
import type { Actor } from '../../security/policy.ts';
import { scopeToActor } from '../../security/scope.ts';

const DAY_MS = 86_400_000;
const LIST_SIZE = 6;

export interface OverviewOptions {
  actor: Actor;
  projectId?: string;
  days: number;
  now?: number;
}

/** `YYYY-MM-DD` (UTC) of a timestamp column, computed by the database (one grouped scan of the range). */
function utcDay(database: Database) {
  return database.adapter.kind === 'postgres'
    ? sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD')`
    : sql<string>`substr(created_at, 1, 10)`;
}

function errorMessage(database: Database, value: unknown): string | null {
  const error = database.adapter.readJson(value);
  if (typeof error !== 'object' || error === null) return null;
  const message = Reflect.get(error, 'message');
  return typeof message === 'string' ? message : null;
}

/**
 * The numbers of the overview page. Executions are counted with grouped
 * range queries over `created_at`, so the cost follows the runs in the range,
 * not the whole table.
 */
export async function queryOverview(database: Database, options: OverviewOptions): Promise<Overview> {
  const { db } = database;
  const now = options.now ?? Date.now();
  const firstDay = new Date(Math.floor(now / DAY_MS) * DAY_MS - (options.days - 1) * DAY_MS);
  const since = firstDay.toISOString();

  // Two grouped counts that the indexes answer alone when no project narrows them:
  // every run per day (`executions_created`), finished ones per day and outcome (`executions_status`).
  let allRuns = db
    .selectFrom('executions')
    .select([utcDay(database).as('day'), sql<number>`count(*)`.as('n')])
    .where('created_at', '>=', since);
  allRuns = scopeToActor(allRuns, options.actor, 'executions');
  if (options.projectId) allRuns = allRuns.where('project_id', '=', options.projectId);
  let finishedRuns = db
    .selectFrom('executions')
    .select([utcDay(database).as('day'), 'status', sql<number>`count(*)`.as('n')])
    .where('status', 'in', ['success', 'error'])
    .where('created_at', '>=', since);
  finishedRuns = scopeToActor(finishedRuns, options.actor, 'executions');
  if (options.projectId) finishedRuns = finishedRuns.where('project_id', '=', options.projectId);

  let workflows = db
    .selectFrom('workflows')
    .select(['active', sql<number>`count(*)`.as('n')])
    .where('deleted_at', 'is', null);
  workflows = scopeToActor(workflows, options.actor, 'workflows');
  if (options.projectId) workflows = workflows.where('project_id', '=', options.projectId);

  let failures = db
    .selectFrom('executions')
    .leftJoin('workflows', 'workflows.id', 'executions.workflow_id')
    .select([
      'executions.id',
      'executions.workflow_id',
      'workflows.name',
      'executions.error',
      'executions.created_at',
    ])
    .where('executions.status', '=', 'error');
  failures = scopeToActor(failures, options.actor, 'executions');
  if (options.projectId) failures = failures.where('executions.project_id', '=', options.projectId);

  let active = db
    .selectFrom('workflows')
    .select(['id', 'name', 'updated_at', 'trigger_count'])
    .where('deleted_at', 'is', null)
    .where('active', '=', database.adapter.bool(true));
  active = scopeToActor(active, options.actor, 'workflows');
  if (options.projectId) active = active.where('project_id', '=', options.projectId);

  const [allRows, finishedRows, workflowRows, failureRows, activeRows] = await Promise.all([
    allRuns.groupBy('day').execute(),
    finishedRuns.groupBy(['day', 'status']).execute(),
    workflows.groupBy('active').execute(),
    failures
      .orderBy('executions.created_at', 'desc')
      .orderBy('executions.id', 'desc')
      .limit(LIST_SIZE)
      .execute(),
    active.orderBy('updated_at', 'desc').limit(LIST_SIZE).execute(),
  ]);

  const perDay = new Map<string, Overview['perDay'][number]>();
  for (let i = 0; i < options.days; i++) {
    const day = new Date(firstDay.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    perDay.set(day, { day, success: 0, error: 0, other: 0 });
  }
  const totals = { total: 0, success: 0, error: 0 };
  for (const row of allRows) {
    const n = Number(row.n);
    totals.total += n;
    const bucket = perDay.get(String(row.day));
    if (bucket) bucket.other += n;
  }
  for (const row of finishedRows) {
    if (row.status !== 'success' && row.status !== 'error') continue;
    const n = Number(row.n);
    totals[row.status] += n;
    const bucket = perDay.get(String(row.day));
    if (bucket) {
      bucket[row.status] += n;
      bucket.other -= n;
    }
  }
  const finished = totals.success + totals.error;
  let workflowTotal = 0;
  let workflowActive = 0;
  for (const row of workflowRows) {
    workflowTotal += Number(row.n);
    if (database.adapter.readBool(row.active)) workflowActive += Number(row.n);
  }

  return {
    since,
    workflows: { total: workflowTotal, active: workflowActive },
    executions: { ...totals, successRate: finished === 0 ? null : totals.success / finished },
    perDay: [...perDay.values()],
    recentFailures: failureRows.map((row) => ({
      id: row.id,
      workflowId: row.workflow_id,
      workflowName: row.name ?? null,
      message: errorMessage(database, row.error),
      createdAt: new Date(row.created_at).toISOString(),
    })),
    activeWorkflows: activeRows.map((row) => ({
      id: row.id,
      name: row.name,
      updatedAt: new Date(row.updated_at).toISOString(),
      triggerCount: Number(row.trigger_count),
    })),
  };
}
