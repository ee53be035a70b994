/**
 * Where knowledge-base chunks live, in the server's own database: sqlite-vec tables
 * on the embedded SQLite connection; on PostgreSQL, pgvector when the extension is
 * available, else a plain table searched by an exact cosine scan (no index; said so
 * in the knowledge base's `storage` and in docs/ai.md).
 */
import {
  PgExactBackend,
  PgVectorBackend,
  type SqlClient,
  type SqlDatabase,
  SqliteVecBackend,
  type VectorBackend,
} from '@guixu/nodes';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../../db/dialect.ts';

export type KnowledgeStorage = 'sqlite-vec' | 'pgvector' | 'postgres-exact';

export interface VectorStorage {
  readonly kind: KnowledgeStorage;
  readonly backend: VectorBackend;
  close(): void;
}

/** A Kysely connection as the `query`/`transaction` client the PostgreSQL backends take. */
function sqlDatabase(db: Kysely<unknown>): SqlDatabase {
  const client = (on: Kysely<unknown>): SqlClient => ({
    async query(text, params = []) {
      const result = await on.executeQuery(CompiledQuery.raw(text, [...params]));
      return { rows: [...result.rows] };
    },
  });
  return {
    ...client(db),
    transaction: (work) => db.transaction().execute((tx) => work(client(tx))),
  };
}

function nativeSqlite(database: Database): BetterSqlite3.Database | undefined {
  const native = Reflect.get(database, 'native');
  return native instanceof BetterSqlite3 ? native : undefined;
}

export async function openVectorStorage(database: Database): Promise<VectorStorage> {
  if (database.adapter.kind === 'sqlite') {
    const native = nativeSqlite(database);
    if (!native) throw new Error('The embedded database does not expose its SQLite connection');
    // A connection of its own on the same file: its synchronous writes never land inside a
    // transaction the server's Kysely connection has open (an in-memory database has only one).
    const own = native.name !== ':memory:' && native.name !== '';
    const backend = new SqliteVecBackend(own ? native.name : native);
    return { kind: 'sqlite-vec', backend, close: () => (own ? backend.close() : undefined) };
  }
  const db = database.db as unknown as Kysely<unknown>;
  const client = sqlDatabase(db);
  const { rows } = await client.query(
    "select count(*) as n from pg_available_extensions where name = 'vector'",
  );
  if (Number(Reflect.get(Object(rows[0]), 'n') ?? 0) > 0) {
    try {
      await client.query('create extension if not exists vector');
      return { kind: 'pgvector', backend: new PgVectorBackend(client), close: () => {} };
    } catch {
      // Available but not creatable by this role: the exact scan still works.
    }
  }
  return { kind: 'postgres-exact', backend: new PgExactBackend(client), close: () => {} };
}
