import type { Expression, Kysely, RawBuilder, SqlBool } from 'kysely';
import type { ExecutionWriter } from './execution-writer.ts';
import type { Tables } from './tables.ts';

/** Column types the migrations use, per backend. */
export interface ColumnTypes {
  text: 'text';
  /** Text compared byte-wise on both backends, so sorting and uniqueness agree. */
  name: string;
  integer: 'integer';
  bigint: 'bigint' | 'integer';
  bool: 'boolean' | 'integer';
  json: 'jsonb' | 'text';
  timestamp: 'timestamptz' | 'text';
}

/**
 * Everything that differs between SQLite and PostgreSQL, in one place. Queries
 * use Kysely's common subset (RETURNING and ON CONFLICT … DO UPDATE with
 * `excluded.col` work the same on both); values cross this adapter.
 */
export interface DialectAdapter {
  readonly kind: 'sqlite' | 'postgres';
  readonly types: ColumnTypes;
  /** JSON value → column value (compact text; PostgreSQL casts it to jsonb). */
  json(value: unknown): string;
  /** Like `json`, but `undefined`/`null` become SQL NULL. */
  jsonOrNull(value: unknown): string | null;
  readJson(value: unknown): unknown;
  bool(value: boolean): number | boolean;
  readBool(value: unknown): boolean;
  /** Case-insensitive substring match of a column with a user string (wildcards escaped). */
  contains(column: Expression<string>, needle: string): RawBuilder<SqlBool>;
  /** Length of a JSON array column, computed by the database. */
  jsonArrayLength(column: Expression<unknown>): RawBuilder<number>;
  isUniqueViolation(error: unknown): boolean;
  isForeignKeyViolation(error: unknown): boolean;
}

export interface Database {
  readonly db: Kysely<Tables>;
  readonly adapter: DialectAdapter;
  /** The group-commit writer for executions and checkpoints (one per database). */
  readonly executions: ExecutionWriter;
  /** PostgreSQL: the schema the tables live in, when one was configured. */
  readonly schema?: string;
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** `%`, `_` and the escape character itself are literal in a contains filter. */
export function likePattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function readJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return JSON.parse(value);
}
