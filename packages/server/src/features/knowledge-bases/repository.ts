/** Knowledge bases and their documents in the server database (chunks live in the vector storage). */
import {
  type KnowledgeBase,
  type KnowledgeDocument,
  knowledgeChunkingSchema,
  knowledgeEmbeddingSchema,
} from '@guixu/api';
import { GuixuError } from '@guixu/core';
import { z } from 'zod';
import type { Database } from '../../db/dialect.ts';
import type { KnowledgeBasesTable, KnowledgeDocumentsTable } from '../../db/tables.ts';
import { notFound } from '../../http/http-errors.ts';
import { newId, nowIso } from '../../ids.ts';
import type { Actor } from '../../security/policy.ts';
import { scopeToActor } from '../../security/scope.ts';
import type { KnowledgeStorage } from './vector-storage.ts';

export type Chunking = z.output<typeof knowledgeChunkingSchema>;
export type EmbeddingSettings = z.output<typeof knowledgeEmbeddingSchema>;
export type DocumentStatus = KnowledgeDocument['status'];

export interface KnowledgeBaseRow {
  id: string;
  projectId: string;
  name: string;
  description: string;
  chunking: Chunking;
  embedding: EmbeddingSettings;
  createdAt: string;
  updatedAt: string;
}

type BaseRow = { [K in keyof KnowledgeBasesTable]: unknown };
type DocumentRow = { [K in keyof KnowledgeDocumentsTable]: unknown };
const errorSchema = z.object({ code: z.string(), message: z.string() });

export class KnowledgeRepository {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  private base(row: BaseRow): KnowledgeBaseRow {
    const json = (value: unknown) => this.database.adapter.readJson(value);
    return {
      id: String(row.id),
      projectId: String(row.project_id),
      name: String(row.name),
      description: String(row.description),
      chunking: knowledgeChunkingSchema.parse(json(row.chunking)),
      embedding: knowledgeEmbeddingSchema.parse(json(row.embedding)),
      createdAt: String(row.created_at),
      updatedAt: String(row.updated_at),
    };
  }

  document(row: DocumentRow): KnowledgeDocument {
    const error = errorSchema.safeParse(this.database.adapter.readJson(row.error));
    return {
      id: String(row.id),
      knowledgeBaseId: String(row.knowledge_base_id),
      name: String(row.name),
      mimeType: String(row.mime_type),
      size: String(row.content).length,
      status: z.enum(['pending', 'indexing', 'ready', 'failed']).parse(row.status),
      error: error.success ? error.data : null,
      chunkCount: Number(row.chunk_count),
      createdAt: String(row.created_at),
      updatedAt: String(row.updated_at),
    };
  }

  async list(actor: Actor, projectId?: string): Promise<KnowledgeBaseRow[]> {
    let query = scopeToActor(this.db.selectFrom('knowledge_bases').selectAll(), actor, 'knowledge_bases');
    if (projectId !== undefined) query = query.where('project_id', '=', projectId);
    const rows = await query.orderBy('name').orderBy('id').execute();
    return rows.map((r) => this.base(r));
  }

  async get(id: string): Promise<KnowledgeBaseRow> {
    const row = await this.db
      .selectFrom('knowledge_bases')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('knowledge base', id);
    return this.base(row);
  }

  async create(input: Omit<KnowledgeBaseRow, 'id' | 'createdAt' | 'updatedAt'>): Promise<KnowledgeBaseRow> {
    const now = nowIso();
    const id = newId();
    const json = this.database.adapter.json;
    await this.db
      .insertInto('knowledge_bases')
      .values({
        id,
        project_id: input.projectId,
        name: input.name,
        description: input.description,
        chunking: json(input.chunking),
        embedding: json(input.embedding),
        created_at: now,
        updated_at: now,
      })
      .execute();
    return this.get(id);
  }

  async update(
    id: string,
    change: Partial<Pick<KnowledgeBaseRow, 'name' | 'description' | 'chunking' | 'embedding'>>,
  ): Promise<KnowledgeBaseRow> {
    const json = this.database.adapter.json;
    await this.db
      .updateTable('knowledge_bases')
      .set({
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(change.description === undefined ? {} : { description: change.description }),
        ...(change.chunking === undefined ? {} : { chunking: json(change.chunking) }),
        ...(change.embedding === undefined ? {} : { embedding: json(change.embedding) }),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('knowledge_documents').where('knowledge_base_id', '=', id).execute();
    await this.db.deleteFrom('knowledge_bases').where('id', '=', id).execute();
  }

  async counts(ids: readonly string[]): Promise<Map<string, { documents: number; chunks: number }>> {
    const out = new Map<string, { documents: number; chunks: number }>();
    if (ids.length === 0) return out;
    const rows = await this.db
      .selectFrom('knowledge_documents')
      .select('knowledge_base_id')
      .select((eb) => [
        eb.fn.countAll<number>().as('documents'),
        eb.fn.sum<number>('chunk_count').as('chunks'),
      ])
      .where('knowledge_base_id', 'in', [...ids])
      .groupBy('knowledge_base_id')
      .execute();
    for (const row of rows) {
      out.set(row.knowledge_base_id, { documents: Number(row.documents), chunks: Number(row.chunks ?? 0) });
    }
    return out;
  }

  async dto(rows: readonly KnowledgeBaseRow[], storage: KnowledgeStorage): Promise<KnowledgeBase[]> {
    const counts = await this.counts(rows.map((r) => r.id));
    return rows.map((r) => ({
      ...r,
      storage,
      documentCount: counts.get(r.id)?.documents ?? 0,
      chunkCount: counts.get(r.id)?.chunks ?? 0,
    }));
  }

  async documents(knowledgeBaseId: string): Promise<KnowledgeDocument[]> {
    const rows = await this.db
      .selectFrom('knowledge_documents')
      .selectAll()
      .where('knowledge_base_id', '=', knowledgeBaseId)
      .orderBy('created_at')
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map((r) => this.document(r));
  }

  async documentContents(knowledgeBaseId: string): Promise<{ id: string; name: string; content: string }[]> {
    return this.db
      .selectFrom('knowledge_documents')
      .select(['id', 'name', 'content'])
      .where('knowledge_base_id', '=', knowledgeBaseId)
      .orderBy('created_at')
      .orderBy('name')
      .orderBy('id')
      .execute();
  }

  async documentNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('knowledge_documents')
      .select(['id', 'name'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async addDocument(
    knowledgeBaseId: string,
    file: { name: string; mimeType: string; content: string },
  ): Promise<string> {
    const now = nowIso();
    const id = newId();
    await this.db
      .insertInto('knowledge_documents')
      .values({
        id,
        knowledge_base_id: knowledgeBaseId,
        name: file.name,
        mime_type: file.mimeType,
        content: file.content,
        status: 'pending',
        error: null,
        chunk_count: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  async setStatus(
    id: string,
    status: DocumentStatus,
    extra: { chunkCount?: number; error?: { code: string; message: string } | null } = {},
  ): Promise<void> {
    await this.db
      .updateTable('knowledge_documents')
      .set({
        status,
        ...(extra.chunkCount === undefined ? {} : { chunk_count: extra.chunkCount }),
        ...(extra.error === undefined ? {} : { error: this.database.adapter.jsonOrNull(extra.error) }),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
  }

  async deleteDocument(knowledgeBaseId: string, documentId: string): Promise<void> {
    const result = await this.db
      .deleteFrom('knowledge_documents')
      .where('knowledge_base_id', '=', knowledgeBaseId)
      .where('id', '=', documentId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('knowledge document', documentId);
  }
}

export function documentError(error: unknown): { code: string; message: string } {
  if (error instanceof GuixuError) return { code: error.code, message: error.message };
  return {
    code: 'KNOWLEDGE_INDEXING_FAILED',
    message: error instanceof Error ? error.message : String(error),
  };
}
