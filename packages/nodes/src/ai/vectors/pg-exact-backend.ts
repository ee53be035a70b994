/**
 * Vector storage on a PostgreSQL without pgvector: chunk rows with the embedding as
 * `real[]` and its norm, cosine similarity computed in SQL over the collection's rows
 * (exact, no index: every search reads every chunk of the collection). It is what
 * works when the extension is not installed; pgvector (`PgVectorBackend`) is the
 * indexed store and is used whenever the server finds the extension.
 */
import { GuixuError, type JsonObject } from '@guixu/core';
import { z } from 'zod';
import type { SqlDatabase } from './pgvector-backend.ts';
import type { VectorBackend, VectorChunk, VectorHit, VectorQuery } from './vector-backend.ts';

const hitRow = z.object({
  document_id: z.string(),
  text: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  score: z.coerce.number(),
});
const countRow = z.object({ n: z.coerce.number() });
const ROWS_PER_INSERT = 200;

function norm(vector: readonly number[]): number {
  let sum = 0;
  for (const x of vector) sum += x * x;
  return Math.sqrt(sum);
}

export class PgExactBackend implements VectorBackend {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly db: SqlDatabase,
    private readonly table = 'guixu_vector_chunks_exact',
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`Invalid table name "${table}"`);
  }

  private setup(): Promise<void> {
    this.ready ??= (async () => {
      await this.db.query(`create table if not exists ${this.table} (
        id bigserial primary key, collection text not null, document_id text not null, text text not null,
        metadata jsonb not null, dimensions integer not null, norm double precision not null,
        embedding real[] not null)`);
      await this.db.query(
        `create index if not exists ${this.table}_document on ${this.table} (collection, document_id)`,
      );
    })();
    return this.ready;
  }

  async upsert(collection: string, chunks: readonly VectorChunk[]): Promise<number> {
    await this.setup();
    for (const chunk of chunks) {
      if (chunk.vector.length < 1 || chunk.vector.length > 16_000) {
        throw new GuixuError(
          'VECTOR_DIMENSIONS_INVALID',
          `Embeddings with ${chunk.vector.length} dimensions cannot be stored`,
        );
      }
    }
    const documents = [...new Set(chunks.map((c) => c.documentId))];
    await this.db.transaction(async (tx) => {
      await tx.query(`delete from ${this.table} where collection = $1 and document_id = any($2)`, [
        collection,
        documents,
      ]);
      for (let start = 0; start < chunks.length; start += ROWS_PER_INSERT) {
        const batch = chunks.slice(start, start + ROWS_PER_INSERT);
        const params: unknown[] = [];
        const rows = batch.map((chunk) => {
          const at = params.length;
          params.push(
            collection,
            chunk.documentId,
            chunk.text,
            JSON.stringify(chunk.metadata),
            chunk.vector.length,
            norm(chunk.vector),
            [...chunk.vector],
          );
          return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}::jsonb, $${at + 5}, $${at + 6}, $${at + 7}::real[])`;
        });
        await tx.query(
          `insert into ${this.table} (collection, document_id, text, metadata, dimensions, norm, embedding)
           values ${rows.join(', ')}`,
          params,
        );
      }
    });
    return chunks.length;
  }

  async search(collection: string, query: VectorQuery): Promise<VectorHit[]> {
    await this.setup();
    const queryNorm = norm(query.vector);
    if (queryNorm === 0) return [];
    const { rows } = await this.db.query(
      `select document_id, text, metadata, score from (
         select document_id, text, metadata,
           (select sum(a * b) from unnest(embedding, $1::real[]) as pair(a, b)) / nullif(norm * $2, 0) as score
         from ${this.table}
         where collection = $3 and dimensions = $4 and metadata @> $5::jsonb) scored
       where score is not null and ($6::double precision is null or score >= $6)
       order by score desc limit $7`,
      [
        [...query.vector],
        queryNorm,
        collection,
        query.vector.length,
        JSON.stringify(query.filter ?? {}),
        query.minScore ?? null,
        query.k,
      ],
    );
    return z
      .array(hitRow)
      .parse(rows)
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
      `with gone as (delete from ${this.table} where collection = $1 and document_id = any($2) returning 1)
       select count(*) as n from gone`,
      [collection, [...documentIds]],
    );
    return countRow.parse(rows[0]).n;
  }

  async count(collection: string): Promise<number> {
    await this.setup();
    const { rows } = await this.db.query(`select count(*) as n from ${this.table} where collection = $1`, [
      collection,
    ]);
    return countRow.parse(rows[0]).n;
  }

  /** Removes every chunk of a collection (a deleted knowledge base). */
  async dropCollection(collection: string): Promise<void> {
    await this.setup();
    await this.db.query(`delete from ${this.table} where collection = $1`, [collection]);
  }
}
