/**
 * Vector storage on PostgreSQL with pgvector: one table of chunks with a `vector`
 * column (any dimension count), cosine distance (`<=>`) ordered in SQL, metadata
 * filters as jsonb containment, and an HNSW index per dimension count (an
 * expression index on the cast, partial on `dimensions`). Runs on any client with
 * `query` and `transaction` (PGlite; a host wraps node-postgres the same way).
 */
import { GuixuError, type JsonObject } from '@guixu/core';
import { z } from 'zod';
import type { VectorBackend, VectorChunk, VectorHit, VectorQuery } from './vector-backend.ts';

export interface SqlClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface SqlDatabase extends SqlClient {
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
}

const hitRow = z.object({
  document_id: z.string(),
  text: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  score: z.coerce.number(),
});
const countRow = z.object({ n: z.coerce.number() });

const literal = (vector: readonly number[]) => `[${vector.join(',')}]`;

export class PgVectorBackend implements VectorBackend {
  private ready: Promise<void> | undefined;
  private readonly indexed = new Set<number>();

  constructor(private readonly db: SqlDatabase) {}

  private setup(): Promise<void> {
    this.ready ??= (async () => {
      await this.db.query('create extension if not exists vector');
      await this.db.query(`create table if not exists guixu_vector_chunks (
        id bigserial primary key, collection text not null, document_id text not null, text text not null,
        metadata jsonb not null, dimensions integer not null, embedding vector not null)`);
      await this.db.query(
        'create index if not exists guixu_vector_chunks_document on guixu_vector_chunks (collection, document_id)',
      );
    })();
    return this.ready;
  }

  private async index(dimensions: number): Promise<void> {
    if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 2000) {
      throw new GuixuError(
        'VECTOR_DIMENSIONS_INVALID',
        `Embeddings with ${dimensions} dimensions cannot be indexed`,
      );
    }
    if (this.indexed.has(dimensions)) return;
    await this.db.query(
      `create index if not exists guixu_vector_chunks_hnsw_${dimensions} on guixu_vector_chunks
       using hnsw ((embedding::vector(${dimensions})) vector_cosine_ops) where dimensions = ${dimensions}`,
    );
    this.indexed.add(dimensions);
  }

  async upsert(collection: string, chunks: readonly VectorChunk[]): Promise<number> {
    await this.setup();
    for (const dimensions of new Set(chunks.map((c) => c.vector.length))) await this.index(dimensions);
    const documents = [...new Set(chunks.map((c) => c.documentId))];
    await this.db.transaction(async (tx) => {
      await tx.query('delete from guixu_vector_chunks where collection = $1 and document_id = any($2)', [
        collection,
        documents,
      ]);
      for (const chunk of chunks) {
        await tx.query(
          `insert into guixu_vector_chunks (collection, document_id, text, metadata, dimensions, embedding)
           values ($1, $2, $3, $4::jsonb, $5, $6::vector)`,
          [
            collection,
            chunk.documentId,
            chunk.text,
            JSON.stringify(chunk.metadata),
            chunk.vector.length,
            literal(chunk.vector),
          ],
        );
      }
    });
    return chunks.length;
  }

  async search(collection: string, query: VectorQuery): Promise<VectorHit[]> {
    await this.setup();
    const n = query.vector.length;
    await this.index(n);
    const distance = `embedding::vector(${n}) <=> $1::vector(${n})`;
    const { rows } = await this.db.query(
      `select document_id, text, metadata, 1 - (${distance}) as score from guixu_vector_chunks
       where collection = $2 and dimensions = ${n} and metadata @> $3::jsonb
       order by ${distance} limit $4`,
      [literal(query.vector), collection, JSON.stringify(query.filter ?? {}), query.k],
    );
    return z
      .array(hitRow)
      .parse(rows)
      .filter((row) => query.minScore === undefined || row.score >= query.minScore)
      .map((row) => ({
        documentId: row.document_id,
        text: row.text,
        metadata: row.metadata as JsonObject,
        score: row.score,
      }));
  }

  async deleteDocuments(collection: string, documentIds: readonly string[]): Promise<number> {
    await this.setup();
    const { rows } = await this.db.query(
      'with gone as (delete from guixu_vector_chunks where collection = $1 and document_id = any($2) returning 1) select count(*) as n from gone',
      [collection, [...documentIds]],
    );
    return countRow.parse(rows[0]).n;
  }

  async count(collection: string): Promise<number> {
    await this.setup();
    const { rows } = await this.db.query(
      'select count(*) as n from guixu_vector_chunks where collection = $1',
      [collection],
    );
    return countRow.parse(rows[0]).n;
  }
}
