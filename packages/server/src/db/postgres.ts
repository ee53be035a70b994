import { Kysely, type SqlBool, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type Database, type DialectAdapter, likePattern } from './dialect.ts';
import { postgresExecutionWriter } from './postgres-execution-writer.ts';
import type { Tables } from './tables.ts';

const PG_INT8 = 20;
const PG_TIMESTAMPTZ = 1184;

const sqlState = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

/**
 * jsonb cannot hold U+0000: an escaped NUL (an odd run of backslashes before
 * `u0000`) becomes U+FFFD so data from webhooks never makes a save fail.
 */
function jsonbText(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('\\u0000') ? text.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd') : text;
}

export const postgresAdapter: DialectAdapter = {
  kind: 'postgres',
  types: {
    text: 'text',
    name: 'text collate "C"',
    integer: 'integer',
    bigint: 'bigint',
    bool: 'boolean',
    json: 'jsonb',
    timestamp: 'timestamptz',
  },
  json: (value) => jsonbText(value ?? null),
  jsonOrNull: (value) => (value === undefined || value === null ? null : jsonbText(value)),
  // jsonb arrives parsed.
  readJson: (value) => value,
  bool: (value) => value,
  readBool: (value) => value === true,
  contains: (column, needle) => sql<SqlBool>`${column} ilike ${likePattern(needle)} escape '\\'`,
  jsonArrayLength: (column) => sql<number>`jsonb_array_length(${column})`,
  isUniqueViolation: (error) => sqlState(error) === '23505',
  isForeignKeyViolation: (error) => sqlState(error) === '23503',
};

/**
 * Per-pool type parsers (never the global ones other pg users share): bigint as a
 * number (counts, durations; all far below 2^53) and timestamptz as ISO text, as
 * on SQLite.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_INT8) return (value: string) => Number(value);
    if (oid === PG_TIMESTAMPTZ) return (value: string) => new Date(value).toISOString();
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  },
};

export interface PostgresOptions {
  url: string;
  /** Tables live in this schema (created if missing). */
  schema?: string;
  maxConnections?: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const schema = options.schema;
  if (schema !== undefined && !IDENTIFIER.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name "${schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    types,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  // A client checked out (in a transaction) when the server goes away emits on itself: the
  // query in progress reports it; without a listener the process would crash (PostgreSQL outage).
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  if (schema !== undefined) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  const executions = postgresExecutionWriter(db, postgresAdapter);
  return {
    db,
    adapter: postgresAdapter,
    executions,
    ...(schema === undefined ? {} : { schema }),
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await executions.flush();
      await db.destroy();
    },
  };
}
