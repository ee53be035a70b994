import { type Kysely, sql } from 'kysely';
import type { DialectAdapter } from '../dialect.ts';

/**
 * Every table issue 3 needs. Owned rows carry a nullable `project_id` so
 * projects (issue 4) are added without rewriting them.
 */
export function initial(adapter: DialectAdapter) {
  const t = adapter.types;
  const type = (name: string) => sql.raw(name);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('workflows')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text')
        .addColumn('name', type(t.name), (c) => c.notNull())
        .addColumn('active', type(t.bool), (c) => c.notNull())
        .addColumn('nodes', type(t.json), (c) => c.notNull())
        .addColumn('connections', type(t.json), (c) => c.notNull())
        .addColumn('settings', type(t.json), (c) => c.notNull())
        .addColumn('pin_data', type(t.json))
        .addColumn('meta', type(t.json))
        .addColumn('static_data', type(t.json))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('version_id', 'text', (c) => c.notNull())
        .addColumn('trigger_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('updated_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('deleted_at', type(t.timestamp))
        .execute();
      await db.schema
        .createIndex('workflows_updated_at')
        .on('workflows')
        .columns(['updated_at', 'id'])
        .execute();
      await db.schema.createIndex('workflows_active').on('workflows').column('active').execute();
      await db.schema.createIndex('workflows_project').on('workflows').column('project_id').execute();

      await db.schema
        .createTable('workflow_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('name', type(t.name), (c) => c.notNull())
        .addColumn('document', type(t.json), (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addUniqueConstraint('workflow_versions_workflow_version', ['workflow_id', 'version'])
        .execute();

      await db.schema
        .createTable('tags')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text')
        .addColumn('name', type(t.name), (c) => c.notNull())
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('updated_at', type(t.timestamp), (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tags_name').on('tags').column('name').unique().execute();

      await db.schema
        .createTable('workflow_tags')
        .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id').onDelete('cascade'))
        .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('workflow_tags_pk', ['workflow_id', 'tag_id'])
        .execute();
      await db.schema.createIndex('workflow_tags_tag').on('workflow_tags').column('tag_id').execute();

      await db.schema
        .createTable('executions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text')
        .addColumn('workflow_id', 'text', (c) => c.references('workflows.id').onDelete('cascade'))
        .addColumn('workflow_version', 'integer')
        .addColumn('workflow_data', type(t.json))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('trigger', type(t.json))
        .addColumn('parent_execution_id', 'text')
        .addColumn('retry_of', 'text')
        .addColumn('started_at', type(t.timestamp))
        .addColumn('finished_at', type(t.timestamp))
        .addColumn('duration_ms', type(t.bigint))
        .addColumn('wait_till', type(t.timestamp))
        .addColumn('error', type(t.json))
        .addColumn('run_state', type(t.json))
        .addColumn('instance_id', 'text')
        .addColumn('heartbeat_at', type(t.timestamp))
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('executions_workflow_created')
        .on('executions')
        .columns(['workflow_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('executions_created')
        .on('executions')
        .columns(['created_at', 'id'])
        .execute();
      await db.schema
        .createIndex('executions_status')
        .on('executions')
        .columns(['status', 'created_at'])
        .execute();
      await db.schema
        .createIndex('executions_waiting')
        .on('executions')
        .column('wait_till')
        .where(sql.ref('status'), '=', 'waiting')
        .execute();
      await db.schema
        .createIndex('executions_parent')
        .on('executions')
        .column('parent_execution_id')
        .execute();

      await db.schema
        .createTable('execution_checkpoints')
        .addColumn('execution_id', 'text', (c) => c.notNull().references('executions.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addPrimaryKeyConstraint('execution_checkpoints_pk', ['execution_id', 'seq'])
        .execute();

      await db.schema
        .createTable('webhooks')
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id').onDelete('cascade'))
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('node_name', 'text', (c) => c.notNull())
        .addColumn('is_dynamic', type(t.bool), (c) => c.notNull())
        .addColumn('segment_count', 'integer', (c) => c.notNull())
        .addColumn('project_id', 'text')
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addPrimaryKeyConstraint('webhooks_pk', ['method', 'path'])
        .execute();
      await db.schema.createIndex('webhooks_workflow').on('webhooks').column('workflow_id').execute();

      await db.schema
        .createTable('trigger_state')
        .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id').onDelete('cascade'))
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('state', type(t.json))
        .addColumn('next_fire_at', type(t.timestamp))
        .addColumn('last_fired_at', type(t.timestamp))
        .addColumn('last_tick', 'text')
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', type(t.timestamp))
        .addColumn('updated_at', type(t.timestamp), (c) => c.notNull())
        .addPrimaryKeyConstraint('trigger_state_pk', ['workflow_id', 'node_id'])
        .execute();
      await db.schema.createIndex('trigger_state_next').on('trigger_state').column('next_fire_at').execute();

      await db.schema
        .createTable('binary_data')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('execution_id', 'text', (c) => c.references('executions.id').onDelete('cascade'))
        .addColumn('mime_type', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text')
        .addColumn('size', type(t.bigint), (c) => c.notNull())
        .addColumn('storage_key', 'text', (c) => c.notNull())
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .execute();
      await db.schema.createIndex('binary_data_execution').on('binary_data').column('execution_id').execute();

      await db.schema
        .createTable('instance_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', type(t.json), (c) => c.notNull())
        .addColumn('updated_at', type(t.timestamp), (c) => c.notNull())
        .execute();
    },
  };
}
