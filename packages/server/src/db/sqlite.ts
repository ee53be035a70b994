import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type SqlBool, SqliteDialect, sql } from 'kysely';
import { type Database, type DialectAdapter, likePattern, readJsonText } from './dialect.ts';
import { sqliteExecutionWriter } from './sqlite-execution-writer.ts';
import type { Tables } from './tables.ts';

const hasCode = (error: unknown): error is { code: string } =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';

export const sqliteAdapter: DialectAdapter = {
  kind: 'sqlite',
  types: {
    text: 'text',
    name: 'text',
    integer: 'integer',
    bigint: 'integer',
    bool: 'integer',
    json: 'text',
    timestamp: 'text',
  },
  json: (value) => JSON.stringify(value ?? null),
  jsonOrNull: (value) => (value === undefined || value === null ? null : JSON.stringify(value)),
  readJson: readJsonText,
  bool: (value) => (value ? 1 : 0),
  readBool: (value) => value === 1 || value === true || value === 1n,
  contains: (column, needle) => sql<SqlBool>`${column} like ${likePattern(needle)} escape '\\'`,
  jsonArrayLength: (column) => sql<number>`json_array_length(${column})`,
  isUniqueViolation: (error) =>
    hasCode(error) &&
    (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'),
  isForeignKeyViolation: (error) => hasCode(error) && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY',
};

export interface SqliteOptions {
  file: string;
}

/** SQLite tuned for a server: WAL, NORMAL sync (durable at checkpoints, fast commits), waits on locks. */
export function openSqlite(options: SqliteOptions): Database & { readonly native: BetterSqlite3.Database } {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const native = new BetterSqlite3(options.file);
  native.pragma('journal_mode = WAL');
  native.pragma('synchronous = NORMAL');
  native.pragma('busy_timeout = 5000');
  native.pragma('foreign_keys = ON');
  native.pragma('cache_size = -32000');
  native.pragma('temp_store = MEMORY');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: native }) });
  const executions = sqliteExecutionWriter(native);
  return {
    db,
    native,
    adapter: sqliteAdapter,
    executions,
    async ping() {
      native.prepare('select 1').get();
    },
    async close() {
      await executions.flush();
      await db.destroy();
    },
  };
}
