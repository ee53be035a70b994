import { type Kysely, sql } from 'kysely';
import type { DialectAdapter } from '../dialect.ts';

/**
 * Issue 12, sub-workflows that wait: a parent execution suspended at its Execute
 * Workflow node because the child it waits for suspended. One row per such child,
 * so the child's end (or a scan after a crash) finds the parent to resume. Rows go
 * with either execution.
 */
export function subworkflowWaits(adapter: DialectAdapter) {
  const t = adapter.types;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('subworkflow_waits')
        .addColumn('child_execution_id', 'text', (c) =>
          c.primaryKey().references('executions.id').onDelete('cascade'),
        )
        .addColumn('parent_execution_id', 'text', (c) =>
          c.notNull().references('executions.id').onDelete('cascade'),
        )
        .addColumn('parent_node', 'text', (c) => c.notNull())
        .addColumn('parent_run_index', 'integer', (c) => c.notNull())
        /** "Run once for each item": the parent's input item the child runs for; null for "once with all items". */
        .addColumn('item_index', 'integer')
        .addColumn('created_at', sql.raw(t.timestamp), (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('subworkflow_waits_parent')
        .on('subworkflow_waits')
        .column('parent_execution_id')
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('subworkflow_waits').execute();
    },
  };
}
