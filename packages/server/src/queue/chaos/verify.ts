import { isRecord } from '@guixu/core';
import type { Database } from '../../db/dialect.ts';

export interface Verdict {
  executions: number;
  byStatus: Record<string, number>;
  /** Executions whose id was accepted but has no row, or more than one. */
  missing: string[];
  /** A node run (node, run index) saved twice: a finished node ran again. */
  rerunNodes: number;
  /** Executions whose final run data does not hold every node exactly once. */
  incomplete: string[];
  checkpoints: number;
  children: number;
  childrenByStatus: Record<string, number>;
}

/** Checks the stored executions of `ids` (the accepted webhook calls) after a chaos run. */
export async function verify(
  database: Database,
  ids: readonly string[],
  nodes: readonly string[],
): Promise<Verdict> {
  const db = database.db;
  const byStatus: Record<string, number> = {};
  const missing: string[] = [];
  const incomplete: string[] = [];
  let rerunNodes = 0;
  let checkpoints = 0;
  const wanted = new Set(ids);
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom('executions')
      .select(['id', 'status'])
      .where('id', 'in', slice)
      .execute();
    const found = new Set(rows.map((row) => row.id));
    for (const id of slice) if (!found.has(id)) missing.push(id);
    for (const row of rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
    const steps = await db
      .selectFrom('execution_checkpoints')
      .select(['execution_id', 'kind', 'payload'])
      .where('execution_id', 'in', slice)
      .execute();
    checkpoints += steps.length;
    const runs = new Map<string, Map<string, number>>();
    for (const step of steps) {
      if (step.kind !== 'step') continue;
      const checkpoint: unknown = JSON.parse(step.payload);
      if (!isRecord(checkpoint) || checkpoint.counted !== true || typeof checkpoint.node !== 'string')
        continue;
      const key = `${checkpoint.node}#${String(checkpoint.runIndex)}`;
      const perExecution = runs.get(step.execution_id) ?? new Map<string, number>();
      perExecution.set(key, (perExecution.get(key) ?? 0) + 1);
      runs.set(step.execution_id, perExecution);
    }
    for (const id of slice) {
      if (!wanted.has(id)) continue;
      const perExecution = runs.get(id) ?? new Map<string, number>();
      for (const count of perExecution.values()) if (count > 1) rerunNodes += count - 1;
      const complete = nodes.every((name) => perExecution.get(`${name}#0`) === 1);
      if (!complete) incomplete.push(id);
    }
  }
  const children = await db
    .selectFrom('executions')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('parent_execution_id', 'is not', null)
    .groupBy('status')
    .execute();
  const childrenByStatus: Record<string, number> = {};
  let childCount = 0;
  for (const row of children) {
    childrenByStatus[row.status] = Number(row.n);
    childCount += Number(row.n);
  }
  return {
    executions: ids.length,
    byStatus,
    missing,
    rerunNodes,
    incomplete,
    checkpoints,
    children: childCount,
    childrenByStatus,
  };
}

/** Counts executions that are not done yet among `ids`. */
export async function unfinished(database: Database, ids: readonly string[]): Promise<number> {
  let open = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const row = await database.db
      .selectFrom('executions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', 'in', ids.slice(i, i + 1000))
      .where('status', 'in', ['new', 'running', 'waiting'])
      .executeTakeFirst();
    open += Number(row?.n ?? 0);
  }
  return open;
}
