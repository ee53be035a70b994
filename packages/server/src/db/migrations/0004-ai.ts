import { type Kysely, sql } from 'kysely';
import { DEFAULT_PRICES } from '../../features/ai-usage/default-prices.ts';
import type { DialectAdapter } from '../dialect.ts';

/**
 * Issue 11 (server side of AI): model-call usage, the price table, monthly
 * budgets, chat memory and prompt templates. `project_key` is the project id, or
 * '' for instance-wide prices, so uniqueness holds where NULLs would not compare.
 */
export function ai(adapter: DialectAdapter) {
  const t = adapter.types;
  const type = (name: string) => sql.raw(name);
  const real = type(adapter.kind === 'postgres' ? 'double precision' : 'real');
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('llm_usage')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text')
        .addColumn('workflow_id', 'text')
        .addColumn('execution_id', 'text')
        .addColumn('node', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('input_tokens', 'integer', (c) => c.notNull())
        .addColumn('output_tokens', 'integer', (c) => c.notNull())
        .addColumn('latency_ms', 'integer', (c) => c.notNull())
        .addColumn('cost', real)
        .addColumn('currency', 'text')
        /** UTC day (YYYY-MM-DD) and month (YYYY-MM): grouping keys that read the same on both backends. */
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('llm_usage_project_month')
        .on('llm_usage')
        .columns(['project_id', 'month'])
        .execute();
      await db.schema.createIndex('llm_usage_execution').on('llm_usage').column('execution_id').execute();
      await db.schema.createIndex('llm_usage_workflow').on('llm_usage').column('workflow_id').execute();

      await db.schema
        .createTable('llm_prices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_key', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('input_per_million', real, (c) => c.notNull())
        .addColumn('output_per_million', real, (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('updated_at', type(t.timestamp), (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('llm_prices_model')
        .on('llm_prices')
        .columns(['project_key', 'provider', 'model'])
        .unique()
        .execute();
      const now = new Date().toISOString();
      for (const [i, p] of DEFAULT_PRICES.entries()) {
        await sql`insert into llm_prices (id, project_key, provider, model, input_per_million, output_per_million, currency, created_at, updated_at)
          values (${`default-${String(i).padStart(3, '0')}`}, '', ${p.provider}, ${p.model}, ${p.inputPerMillion}, ${p.outputPerMillion}, ${p.currency}, ${now}, ${now})`.execute(
          db,
        );
      }

      await db.schema
        .createTable('ai_budgets')
        .addColumn('project_id', 'text', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
        .addColumn('monthly_limit', real, (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('updated_at', type(t.timestamp), (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('ai_chat_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text')
        .addColumn('workflow_id', 'text')
        .addColumn('session_key', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text', (c) => c.notNull())
        /** One turn: the user's message and everything answered to it (AI SDK model messages). */
        .addColumn('messages', type(t.json), (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ai_chat_messages_session')
        .on('ai_chat_messages')
        .columns(['project_id', 'session_key', 'seq'])
        .execute();
      await db.schema
        .createIndex('ai_chat_messages_workflow')
        .on('ai_chat_messages')
        .columns(['workflow_id', 'session_id'])
        .execute();

      await db.schema
        .createTable('prompt_templates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('name', type(t.name), (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('latest_version', 'integer', (c) => c.notNull())
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('updated_at', type(t.timestamp), (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('prompt_templates_name')
        .on('prompt_templates')
        .columns(['project_id', 'name'])
        .unique()
        .execute();
      await db.schema
        .createTable('prompt_template_versions')
        .addColumn('template_id', 'text', (c) =>
          c.notNull().references('prompt_templates.id').onDelete('cascade'),
        )
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('system', 'text', (c) => c.notNull())
        .addColumn('prompt', 'text', (c) => c.notNull())
        .addColumn('variables', type(t.json), (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addPrimaryKeyConstraint('prompt_template_versions_pk', ['template_id', 'version'])
        .execute();
    },
  };
}
