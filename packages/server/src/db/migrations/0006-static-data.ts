import { type Kysely, sql } from 'kysely';
import type { DialectAdapter } from '../dialect.ts';

/**
 * Issue 12, workflow static data (n8n's `$getWorkflowStaticData`): one row per
 * workflow with its `global` and `node:<name>` objects, written when a production
 * execution that changed them succeeds. A table of its own (not the unused
 * `workflows.static_data` column) so saving it never touches the workflow row
 * (its version, its update time, or an edit being saved at the same moment).
 */
export function staticData(adapter: DialectAdapter) {
  const t = adapter.types;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('workflow_static_data')
        .addColumn('workflow_id', 'text', (c) =>
          c.primaryKey().references('workflows.id').onDelete('cascade'),
        )
        .addColumn('data', sql.raw(t.json), (c) => c.notNull())
        .addColumn('updated_at', sql.raw(t.timestamp), (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('workflow_static_data').execute();
    },
  };
}
