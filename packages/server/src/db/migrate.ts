import { GuixuError } from '@guixu/core';
import { type Kysely, Migrator, sql } from 'kysely';
import type { Database } from './dialect.ts';
import { migrationsFor } from './migrations/index.ts';

export interface MigrationReport {
  applied: string[];
  /** Every migration now recorded in the database. */
  total: number;
}

/**
 * Kysely looks for its lock table in every schema unless told which one: with
 * tests' per-run schemas side by side it would find another run's table.
 */
async function migrationSchema(database: Database): Promise<string | undefined> {
  if (database.adapter.kind !== 'postgres') return undefined;
  // The configured schema, not current_schema(): the latter is null on a
  // connection whose search path does not resolve yet.
  if (database.schema !== undefined) return database.schema;
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
    database.db,
  );
  return rows[0]?.schema ?? undefined;
}

async function migratorFor(database: Database): Promise<Migrator> {
  const migrations = migrationsFor(database.adapter);
  const schema = await migrationSchema(database);
  return new Migrator({
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
    // The migrator works on the untyped schema: migrations create the tables the typed layer reads.
    db: database.db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'guixu_migrations',
    migrationLockTableName: 'guixu_migrations_lock',
  });
}

/**
 * Kysely's migrator first lists every table of every schema, calling `has_schema_privilege` on each
 * schema's name: a schema another tenant or process drops during that scan fails it with 3F000
 * ("schema … does not exist") although this schema is fine. Seen with instances (and test runs) that
 * keep their own schemas in one database. That one error is tried again.
 */
function anotherSchemaVanished(error: unknown, schema: string | undefined): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === '3F000' &&
    typeof message === 'string' &&
    (schema === undefined || !message.includes(`"${schema}"`))
  );
}

/** Brings the schema to the newest version; safe to run from several processes at once. */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  let { error, results = [] } = await (await migratorFor(database)).migrateToLatest();
  for (let attempt = 1; attempt < 5 && anotherSchemaVanished(error, database.schema); attempt++) {
    ({ error, results = [] } = await (await migratorFor(database)).migrateToLatest());
  }
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    throw new GuixuError(
      'DATABASE_MIGRATION_FAILED',
      `Database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
      { audience: 'operator', cause: error, details: failed === undefined ? {} : { migration: failed } },
    );
  }
  const all = await (await migratorFor(database)).getMigrations();
  return {
    applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName),
    total: all.filter((m) => m.executedAt !== undefined).length,
  };
}

/** True when every known migration has been applied. */
export async function migrationsPending(database: Database): Promise<boolean> {
  const all = await (await migratorFor(database)).getMigrations();
  return all.some((m) => m.executedAt === undefined);
}

/** Brings an empty or older schema to exactly this migration (restoring a backup of that version). */
export async function migrateTo(database: Database, name: string): Promise<void> {
  const { error } = await (await migratorFor(database)).migrateTo(name);
  if (error !== undefined) {
    throw new GuixuError(
      'DATABASE_MIGRATION_FAILED',
      `Database migration to ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
      { audience: 'operator', cause: error, details: { migration: name } },
    );
  }
}

/** The migrations recorded in the database, in order. */
export async function appliedMigrations(database: Database): Promise<string[]> {
  return (await (await migratorFor(database)).getMigrations())
    .filter((m) => m.executedAt !== undefined)
    .map((m) => m.name);
}
