import { GuixuError, type Workflow, workflowSchema } from '@guixu/core';
import type { Database } from '../db/dialect.ts';
import type { ExecutionRow } from './execution-store.ts';
import type { LoadedWorkflow } from './runner-types.ts';

/** The document an execution runs: its own snapshot, or the stored workflow version. */
export async function workflowOfRow(
  database: Database,
  loadWorkflow: (id: string, version: number | null) => Promise<LoadedWorkflow>,
  row: ExecutionRow,
): Promise<Workflow> {
  if (row.workflow_data !== null) {
    const parsed = workflowSchema.safeParse(database.adapter.readJson(row.workflow_data));
    if (parsed.success) return parsed.data;
    throw new GuixuError('EXECUTION_DATA_CORRUPT', `Stored workflow of execution ${row.id} is unreadable`, {
      audience: 'operator',
      details: { executionId: row.id },
    });
  }
  if (row.workflow_id === null) {
    throw new GuixuError('EXECUTION_DATA_CORRUPT', `Execution ${row.id} has no workflow`, {
      audience: 'operator',
      details: { executionId: row.id },
    });
  }
  return (await loadWorkflow(row.workflow_id, row.workflow_version)).workflow;
}
