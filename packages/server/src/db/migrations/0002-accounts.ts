import { type Kysely, sql } from 'kysely';
import type { DialectAdapter } from '../dialect.ts';

/** Issue 4: accounts, sessions, API keys, projects, sharing, credentials, variables, audit log. */
export function accounts(adapter: DialectAdapter) {
  const t = adapter.types;
  const type = (name: string) => sql.raw(name);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', type(t.name), (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('disabled', type(t.bool), (c) => c.notNull())
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', type(t.timestamp))
        .addColumn('sso_subject', 'text', (c) => c.unique())
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('updated_at', type(t.timestamp), (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('refresh_hash', 'text', (c) => c.notNull().unique())
        .addColumn('previous_hash', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('ip', 'text')
        .addColumn('via', 'text', (c) => c.notNull())
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('last_used_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('expires_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('revoked_at', type(t.timestamp))
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema.createIndex('sessions_previous').on('sessions').column('previous_hash').execute();

      await db.schema
        .createTable('password_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('expires_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('used_at', type(t.timestamp))
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('scopes', type(t.json), (c) => c.notNull())
        .addColumn('expires_at', type(t.timestamp))
        .addColumn('last_used_at', type(t.timestamp))
        .addColumn('revoked_at', type(t.timestamp))
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .execute();
      await db.schema.createIndex('api_keys_user').on('api_keys').column('user_id').execute();

      await db.schema
        .createTable('projects')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', type(t.name), (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.unique().references('users.id').onDelete('cascade'))
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('updated_at', type(t.timestamp), (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('project_members')
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'user_id'])
        .execute();
      await db.schema.createIndex('project_members_user').on('project_members').column('user_id').execute();

      await db.schema
        .createTable('shared_resources')
        .addColumn('resource_type', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('access', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addPrimaryKeyConstraint('shared_resources_pk', ['resource_type', 'resource_id', 'project_id'])
        .execute();
      await db.schema
        .createIndex('shared_resources_project')
        .on('shared_resources')
        .columns(['project_id', 'resource_type'])
        .execute();

      await db.schema
        .createTable('credentials')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('name', type(t.name), (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('updated_at', type(t.timestamp), (c) => c.notNull())
        .addUniqueConstraint('credentials_project_name', ['project_id', 'name'])
        .execute();

      await db.schema
        .createTable('variables')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('key', type(t.name), (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('secret', type(t.bool), (c) => c.notNull())
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('updated_at', type(t.timestamp), (c) => c.notNull())
        .addUniqueConstraint('variables_project_key', ['project_id', 'key'])
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', type(t.timestamp), (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_label', 'text')
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('resource_type', 'text')
        .addColumn('resource_id', 'text')
        .addColumn('project_id', 'text')
        .addColumn('ip', 'text')
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('diff', type(t.json))
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
      await db.schema.createIndex('audit_log_actor').on('audit_log').column('actor_id').execute();
      await db.schema.createIndex('audit_log_project').on('audit_log').column('project_id').execute();
    },
  };
}
