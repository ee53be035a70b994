import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseConfig } from '../config.ts';
import type { Database } from '../db/dialect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';

export type BackendKind = 'sqlite' | 'postgres';
export const BACKENDS: readonly BackendKind[] = ['sqlite', 'postgres'];

/** PostgreSQL of the test machine (trust auth); override with GUIXU_TEST_DATABASE_URL. */
export const TEST_POSTGRES_URL =
  process.env.GUIXU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  config: DatabaseConfig;
  database: Database;
  /** Closes the connection and removes the file / drops the schema. */
  dispose(): Promise<void>;
}

/** A fresh database config: a temp SQLite file, or a PostgreSQL schema unique to this run. */
export function testDatabaseConfig(kind: BackendKind): {
  config: DatabaseConfig;
  cleanup: () => Promise<void>;
} {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'guixu-test-'));
    return {
      config: { kind: 'sqlite', file: join(dir, 'guixu.sqlite') },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    config: { kind: 'postgres', url: TEST_POSTGRES_URL, schema },
    cleanup: async () => {
      const admin = await openDatabase({ kind: 'postgres', url: TEST_POSTGRES_URL });
      try {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
      } finally {
        await admin.close();
      }
    },
  };
}

/** Opens and migrates a fresh database of the given kind. */
export async function openTestDatabase(kind: BackendKind): Promise<TestDatabase> {
  const { config, cleanup } = testDatabaseConfig(kind);
  const database = await openDatabase(config);
  await migrateToLatest(database);
  return {
    config,
    database,
    async dispose() {
      await database.close();
      await cleanup();
    },
  };
}
