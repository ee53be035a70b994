import { type Kysely, sql } from 'kysely';
import type { DialectAdapter } from '../dialect.ts';

/**
 * Issue 13, workflow callbacks: each workflow's signing secret (encrypted with
 * the instance key), and the outbox of callbacks to send, so that one pending
 * at a crash is sent after the restart.
 */
export function workflowCallbacks(adapter: DialectAdapter) {
  const t = adapter.types;
  const type = (name: string) => sql.raw(name);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('workflow_callback_secrets')
        .addColumn('workflow_id', 'text', (c) =>
          c.primaryKey().references('workflows.id').onDelete('cascade'),
        )
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('workflow_callback_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id').onDelete('cascade'))
        .addColumn('execution_id', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .execute();
      // Every main hears a worker's executionFinished: one row per execution and URL.
      await db.schema
        .createIndex('workflow_callback_deliveries_once')
        .on('workflow_callback_deliveries')
        .columns(['execution_id', 'url'])
        .unique()
        .execute();
      await db.schema
        .createIndex('workflow_callback_deliveries_due')
        .on('workflow_callback_deliveries')
        .columns(['status', 'next_attempt_at'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('workflow_callback_deliveries').execute();
      await db.schema.dropTable('workflow_callback_secrets').execute();
    },
  };
}
