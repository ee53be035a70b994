/**
 * Vector storage on SQLite with sqlite-vec: chunk rows (text, metadata, the float
 * embedding and its binary code: one bit per dimension, set when positive) in a plain
 * table, and the same binary-quantized embedding in a vec0 table partitioned by
 * collection, sharing the rowid. A search takes the nearest candidates by Hamming
 * distance, then ranks them by exact cosine similarity on the float embeddings;
 * metadata filters widen the candidate set.
 *
 * The Hamming scan runs over an in-memory copy of the collection's codes (a packed
 * Uint32Array, popcount in JS: ~2 ms for 100k × 384 where vec0's bit KNN took ~28 ms).
 * The copy is keyed by a per-collection version that every write bumps in its
 * transaction, so a write by another connection (another worker thread on the same
 * file) is seen at the next search. Collections above CACHE_LIMIT chunks use vec0's KNN.
 */
import { GuixuError, type JsonObject } from '@guixu/core';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { z } from 'zod';
import {
  matchesFilter,
  type VectorBackend,
  type VectorChunk,
  type VectorHit,
  type VectorQuery,
} from './vector-backend.ts';

const MAX_CANDIDATES = 4096;
/** Chunks of one collection kept as codes in memory (48 bytes each at 384 dimensions). */
const CACHE_LIMIT = 2_000_000;
const OVERSAMPLING = 10;
const MIN_CANDIDATES = 100;
/**
 * With the in-memory scan, candidates are cheap to find and rescoring reads only their
 * embeddings: take more of them (recall@5 on uniform random 384-dim vectors, the worst
 * case, is ~0.5 at 100 candidates and ~0.9 at 1,000; real embeddings do far better).
 */
const MIN_CANDIDATES_IN_MEMORY = 1000;
const FILTER_WIDENING = 10;
const chunkRow = z.object({
  id: z.number(),
  document_id: z.string(),
  text: z.string(),
  metadata: z.string(),
  dimensions: z.number(),
  embedding: z.instanceof(Buffer),
});
const hitRow = z.object({ rowid: z.number(), distance: z.number() });

/** The binary codes of one collection at one padded dimension count, as of a version. */
interface CodeCache {
  version: number;
  words: number;
  ids: Float64Array;
  codes: Uint32Array;
}

export class SqliteVecBackend implements VectorBackend {
  private readonly db: Database.Database;
  private readonly tables = new Set<number>();
  private readonly caches = new Map<string, CodeCache>();

  /** A file (opened here, WAL) or a connection the host already has (its embedded database). */
  constructor(target: string | Database.Database = ':memory:') {
    const own = typeof target === 'string';
    this.db = own ? new Database(target) : target;
    sqliteVec.load(this.db);
    if (own) {
      this.db.pragma('journal_mode = WAL');
      // Other connections (the server's, other worker threads) write the same file.
      this.db.pragma('busy_timeout = 5000');
    }
    this.db.exec(`create table if not exists vector_chunks (
      id integer primary key, collection text not null, document_id text not null,
      text text not null, metadata text not null, dimensions integer not null, embedding blob not null,
      code blob);
      create index if not exists vector_chunks_document on vector_chunks (collection, document_id);
      create table if not exists vector_collections (collection text primary key, version integer not null);`);
    const columns = z
      .array(z.object({ name: z.string() }))
      .parse(this.db.pragma('table_info(vector_chunks)'));
    // Files written before codes were kept: their rows get a code computed at the next search.
    if (!columns.some((c) => c.name === 'code'))
      this.db.exec('alter table vector_chunks add column code blob');
  }

  /** Bumps the collection's version (inside the caller's transaction). */
  private touch(collection: string): void {
    this.db
      .prepare(
        'insert into vector_collections (collection, version) values (?, 1) on conflict(collection) do update set version = version + 1',
      )
      .run(collection);
  }

  private version(collection: string): number {
    const row = this.db
      .prepare('select version from vector_collections where collection = ?')
      .get(collection);
    return typeof row === 'object' && row !== null ? Number(Reflect.get(row, 'version')) : 0;
  }

  /** The collection's codes for `bits`-bit embeddings, read again when another write changed it. */
  private codes(collection: string, bits: number): CodeCache | undefined {
    const key = `${bits}:${collection}`;
    const version = this.version(collection);
    const cached = this.caches.get(key);
    if (cached && cached.version === version) return cached;
    this.caches.delete(key);
    const count = z
      .object({ n: z.number() })
      .parse(
        this.db
          .prepare(
            'select count(*) as n from vector_chunks where collection = ? and dimensions > ? and dimensions <= ?',
          )
          .get(collection, bits - 8, bits),
      ).n;
    if (count > CACHE_LIMIT) return undefined;
    const words = Math.ceil(bits / 32);
    const ids = new Float64Array(count);
    const codes = new Uint32Array(count * words);
    const rows = this.db
      .prepare(
        'select id, code, case when code is null then embedding end as embedding, dimensions from vector_chunks where collection = ? and dimensions > ? and dimensions <= ?',
      )
      .raw()
      .iterate(collection, bits - 8, bits);
    let n = 0;
    for (const row of rows as Iterable<[number, Buffer | null, Buffer | null, number]>) {
      if (n >= count) break;
      const [id, code, embedding, dimensions] = row;
      ids[n] = id;
      const bytes =
        code ??
        binaryCode(
          new Float32Array(new Uint8Array(embedding ?? new Uint8Array(dimensions * 4)).buffer, 0, dimensions),
        );
      codes.set(packWords(bytes, words), n * words);
      n++;
    }
    const cache = { version, words, ids: ids.subarray(0, n), codes: codes.subarray(0, n * words) };
    this.caches.set(key, cache);
    return cache;
  }

  /** The bit table for embeddings of `dimensions` (padded to a multiple of 8). */
  private bitTable(dimensions: number): string {
    if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 8192) {
      throw new GuixuError(
        'VECTOR_DIMENSIONS_INVALID',
        `Embeddings with ${dimensions} dimensions cannot be stored`,
      );
    }
    const bits = Math.ceil(dimensions / 8) * 8;
    const name = `vector_bits_${bits}`;
    if (!this.tables.has(bits)) {
      this.db.exec(
        `create virtual table if not exists ${name} using vec0(collection text partition key, embedding bit[${bits}])`,
      );
      this.tables.add(bits);
    }
    return name;
  }

  async upsert(collection: string, chunks: readonly VectorChunk[]): Promise<number> {
    const documents = [...new Set(chunks.map((c) => c.documentId))];
    const insertChunk = this.db.prepare(
      'insert into vector_chunks (collection, document_id, text, metadata, dimensions, embedding, code) values (?, ?, ?, ?, ?, ?, ?)',
    );
    const write = this.db.transaction(() => {
      this.touch(collection);
      this.remove(collection, documents);
      for (const chunk of chunks) {
        const table = this.bitTable(chunk.vector.length);
        const floats = new Float32Array(chunk.vector);
        const { lastInsertRowid } = insertChunk.run(
          collection,
          chunk.documentId,
          chunk.text,
          JSON.stringify(chunk.metadata),
          chunk.vector.length,
          Buffer.from(floats.buffer),
          binaryCode(floats),
        );
        this.db
          .prepare(
            `insert into ${table} (rowid, collection, embedding) values (?, ?, vec_quantize_binary(?))`,
          )
          .run(BigInt(lastInsertRowid), collection, padded(floats));
      }
    });
    write();
    return chunks.length;
  }

  async search(collection: string, query: VectorQuery): Promise<VectorHit[]> {
    const table = this.bitTable(query.vector.length);
    const wanted = query.filter ? query.k * FILTER_WIDENING : query.k;
    const target = new Float32Array(query.vector);
    const bits = Math.ceil(target.length / 8) * 8;
    const cache = this.codes(collection, bits);
    const k = Math.min(
      MAX_CANDIDATES,
      Math.max(cache ? MIN_CANDIDATES_IN_MEMORY : MIN_CANDIDATES, wanted * OVERSAMPLING),
    );
    const candidates = cache
      ? nearestByHamming(cache, packWords(binaryCode(target), cache.words), k)
      : z
          .array(hitRow)
          .parse(
            this.db
              .prepare(
                `select rowid, distance from ${table} where embedding match vec_quantize_binary(?) and k = ? and collection = ?`,
              )
              .all(padded(target), k, collection),
          );
    // Rank by exact cosine reading only embeddings, then load the rows in rank order until k pass the filters.
    const embeddings = this.db
      .prepare(
        'select id, dimensions, embedding from vector_chunks where id in (select value from json_each(?))',
      )
      .raw()
      .iterate(JSON.stringify(candidates.map((c) => c.rowid)));
    const ranked: { id: number; score: number }[] = [];
    for (const row of embeddings) {
      if (!Array.isArray(row)) continue;
      const [id, dimensions, embedding] = row as [unknown, unknown, unknown];
      if (typeof id !== 'number' || dimensions !== target.length || !(embedding instanceof Buffer)) continue;
      const score = cosine(target, new Float32Array(embedding.buffer, embedding.byteOffset, target.length));
      if (query.minScore !== undefined && score < query.minScore) continue;
      ranked.push({ id, score });
    }
    ranked.sort((x, y) => y.score - x.score);
    const load = this.db.prepare(
      'select id, document_id, text, metadata, dimensions, embedding from vector_chunks where id = ?',
    );
    const hits: VectorHit[] = [];
    for (const { id, score } of ranked) {
      if (hits.length >= query.k) break;
      const row = chunkRow.parse(load.get(id));
      const metadata = JSON.parse(row.metadata) as JsonObject;
      if (!matchesFilter(metadata, query.filter)) continue;
      hits.push({ documentId: row.document_id, text: row.text, metadata, score });
    }
    return hits;
  }

  async deleteDocuments(collection: string, documentIds: readonly string[]): Promise<number> {
    return this.db.transaction(() => {
      this.touch(collection);
      return this.remove(collection, documentIds);
    })();
  }

  async count(collection: string): Promise<number> {
    const row = z
      .object({ n: z.number() })
      .parse(this.db.prepare('select count(*) as n from vector_chunks where collection = ?').get(collection));
    return row.n;
  }

  /** Removes every collection whose name starts with `prefix` (a deleted project's); returns the chunks removed. */
  async dropCollections(prefix: string): Promise<number> {
    const starts = 'substr(collection, 1, length(?)) = ?';
    return this.db.transaction(() => {
      const rows = z
        .array(z.object({ collection: z.string(), document_id: z.string() }))
        .parse(
          this.db
            .prepare(`select distinct collection, document_id from vector_chunks where ${starts}`)
            .all(prefix, prefix),
        );
      const documents = new Map<string, string[]>();
      for (const row of rows) {
        const ids = documents.get(row.collection) ?? [];
        ids.push(row.document_id);
        documents.set(row.collection, ids);
      }
      let removed = 0;
      for (const [collection, ids] of documents) {
        removed += this.remove(collection, ids);
      }
      // Versions only grow, so no thread's cached codes of these collections match again.
      this.db
        .prepare(`update vector_collections set version = version + 1 where ${starts}`)
        .run(prefix, prefix);
      return removed;
    })();
  }

  close(): void {
    this.db.close();
  }

  private remove(collection: string, documentIds: readonly string[]): number {
    let removed = 0;
    const find = this.db.prepare(
      'select id, dimensions from vector_chunks where collection = ? and document_id = ?',
    );
    const rows = z.array(z.object({ id: z.number(), dimensions: z.number() }));
    for (const documentId of documentIds) {
      for (const row of rows.parse(find.all(collection, documentId))) {
        this.db.prepare(`delete from ${this.bitTable(row.dimensions)} where rowid = ?`).run(BigInt(row.id));
        removed++;
      }
      this.db
        .prepare('delete from vector_chunks where collection = ? and document_id = ?')
        .run(collection, documentId);
    }
    return removed;
  }
}

/** One bit per dimension, set when the value is positive (sqlite-vec's vec_quantize_binary rule), padded to bytes. */
function binaryCode(vector: Float32Array): Buffer {
  const out = Buffer.alloc(Math.ceil(vector.length / 8));
  for (let i = 0; i < vector.length; i++) {
    if ((vector[i] as number) > 0) out[i >> 3] = (out[i >> 3] as number) | (1 << (i & 7));
  }
  return out;
}

function packWords(bytes: Uint8Array, words: number): Uint32Array {
  const buffer = new Uint8Array(words * 4);
  buffer.set(bytes.subarray(0, words * 4));
  return new Uint32Array(buffer.buffer);
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  // Math.imul: a plain multiplication here exceeds 2^53 and loses the high byte.
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The ids of the `k` codes nearest to `query` (all those tied at the cut-off distance included). */
function nearestByHamming(
  cache: CodeCache,
  query: Uint32Array,
  k: number,
): { rowid: number; distance: number }[] {
  const { ids, codes, words } = cache;
  const count = ids.length;
  const distances = new Uint16Array(count);
  const histogram = new Uint32Array(words * 32 + 1);
  for (let i = 0, at = 0; i < count; i++, at += words) {
    let d = 0;
    for (let w = 0; w < words; w++) d += popcount((codes[at + w] as number) ^ (query[w] as number));
    distances[i] = d;
    histogram[d] = (histogram[d] as number) + 1;
  }
  // `last`: the distance of the k-th nearest; all nearer ones are taken, ties at `last` until k.
  let last = 0;
  for (let seen = histogram[0] as number; seen < k && last + 1 < histogram.length; )
    seen += histogram[++last] as number;
  const out: { rowid: number; distance: number }[] = [];
  for (let i = 0; i < count; i++) {
    const d = distances[i] as number;
    if (d < last) out.push({ rowid: ids[i] as number, distance: d });
  }
  for (let i = 0; i < count && out.length < k; i++) {
    if (distances[i] === last) out.push({ rowid: ids[i] as number, distance: last });
  }
  return out;
}

/** Zero-padded to a multiple of 8, the length of the bit column (padding bits stay 0). */
function padded(vector: Float32Array): Float32Array {
  const length = Math.ceil(vector.length / 8) * 8;
  if (length === vector.length) return vector;
  const out = new Float32Array(length);
  out.set(vector);
  return out;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * Drops the collections starting with `prefix` from the sqlite-vec file at `path` (the server's, when a
 * project is deleted); nothing to do in memory or when the file was never made. Returns the chunks removed.
 */
export async function dropVectorCollections(path: string, prefix: string): Promise<number> {
  if (path === ':memory:' || !existsSync(path)) return 0;
  const backend = new SqliteVecBackend(path);
  try {
    return await backend.dropCollections(prefix);
  } finally {
    backend.close();
  }
}

let shared: SqliteVecBackend | undefined;

/** The process-wide store when the host gives none: GUIXU_VECTOR_DB_PATH, else in memory. */
export function processVectorBackend(): SqliteVecBackend {
  shared ??= new SqliteVecBackend(process.env.GUIXU_VECTOR_DB_PATH || ':memory:');
  return shared;
}
