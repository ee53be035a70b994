import type { JsonObject, RunState, Workflow } from '@guixu/core';
import type { Database } from '../db/dialect.ts';
import { nowIso } from '../ids.ts';

/**
 * Workflow static data (n8n's `$getWorkflowStaticData`), one row per workflow in
 * `workflow_static_data`. Loaded when an execution starts; saved when a production
 * execution that changed it succeeds (as n8n: manual runs do not save it).
 */
const uses = new WeakMap<Workflow, boolean>();

/**
 * Whether a workflow reads static data (an expression or Code node naming
 * `$getWorkflowStaticData`), so other runs skip the query. Cached per document.
 */
export function usesStaticData(workflow: Workflow): boolean {
  let found = uses.get(workflow);
  if (found === undefined) {
    found = JSON.stringify(workflow.nodes).includes('getWorkflowStaticData');
    uses.set(workflow, found);
  }
  return found;
}

export async function loadStaticData(
  database: Database,
  workflowId: string,
): Promise<JsonObject | undefined> {
  const row = await database.db
    .selectFrom('workflow_static_data')
    .select('data')
    .where('workflow_id', '=', workflowId)
    .executeTakeFirst();
  if (!row) return undefined;
  const data = database.adapter.readJson(row.data);
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as JsonObject) : undefined;
}

/** Whether a finished run's static data is to be stored. */
export function staticDataToSave(state: RunState): JsonObject | undefined {
  if (!state.staticDataChanged || !state.staticData) return undefined;
  if (state.status !== 'success' || state.mode === 'manual') return undefined;
  return state.staticData;
}

export async function saveStaticData(
  database: Database,
  workflowId: string,
  data: JsonObject,
): Promise<void> {
  const { db, adapter } = database;
  const now = nowIso();
  await db
    .insertInto('workflow_static_data')
    .values({ workflow_id: workflowId, data: adapter.json(data), updated_at: now })
    .onConflict((oc) => oc.column('workflow_id').doUpdateSet({ data: adapter.json(data), updated_at: now }))
    .execute();
}
