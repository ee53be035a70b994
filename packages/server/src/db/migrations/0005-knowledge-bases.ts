import { type Kysely, sql } from 'kysely';
import type { DialectAdapter } from '../dialect.ts';

/**
 * Issue 11, knowledge bases: a base per project with its chunking and embedding
 * settings, and its documents with their extracted text (kept for re-indexing) and
 * indexing status. The chunks themselves live in the vector store of the database
 * (sqlite-vec tables on SQLite, pgvector or a plain table on PostgreSQL), created by
 * the store on first use, in the collection `kb:<id>`.
 */
export function knowledgeBases(adapter: DialectAdapter) {
  const t = adapter.types;
  const type = (name: string) => sql.raw(name);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('knowledge_bases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('chunking', type(t.json), (c) => c.notNull())
        .addColumn('embedding', type(t.json), (c) => c.notNull())
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('updated_at', type(t.timestamp), (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('knowledge_bases_project')
        .on('knowledge_bases')
        .column('project_id')
        .execute();

      await db.schema
        .createTable('knowledge_documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('knowledge_base_id', 'text', (c) =>
          c.notNull().references('knowledge_bases.id').onDelete('cascade'),
        )
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mime_type', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error', type(t.json))
        .addColumn('chunk_count', 'integer', (c) => c.notNull())
        .addColumn('created_at', type(t.timestamp), (c) => c.notNull())
        .addColumn('updated_at', type(t.timestamp), (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('knowledge_documents_base')
        .on('knowledge_documents')
        .column('knowledge_base_id')
        .execute();
    },
  };
}
