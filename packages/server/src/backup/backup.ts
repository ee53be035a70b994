import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GuixuError } from '@guixu/core';
import type { ServerConfig } from '../config.ts';
import { appliedMigrations, migrateTo, migrateToLatest } from '../db/migrate.ts';
import { migrationsFor } from '../db/migrations/index.ts';
import { openDatabase } from '../db/open.ts';
import { sqliteAdapter } from '../db/sqlite.ts';
import { SecurityCore } from '../security/core.ts';
import { keyId } from '../security/encryption.ts';
import { currentKey, type KeyRestore, readBackupKey, restoreKey, writeBackupKey } from './backup-key.ts';
import {
  type BackupManifest,
  KEY_FILE,
  POSTGRES_FILE,
  readManifest,
  SQLITE_FILE,
  writeManifest,
} from './manifest.ts';
import { dumpPostgres, loadPostgresDump } from './postgres-dump.ts';
import { backupSqlite, restoreSqlite, sqliteMigrations } from './sqlite-copy.ts';

export interface BackupOptions {
  /** A new or empty directory for the backup. */
  dir: string;
  /** Leave the encryption key out (then keep it safe elsewhere: without it the credentials are lost). */
  withoutKey?: boolean;
  guixuVersion: string;
}

const KNOWN_MIGRATIONS = Object.keys(migrationsFor(sqliteAdapter));

function prepareDir(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)
      throw new GuixuError('BACKUP_TARGET_EXISTS', `${dir} exists and is not an empty directory`, {
        audience: 'operator',
      });
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * `guixu backup`: the database (SQLite: a file copy through the online backup
 * API; PostgreSQL: a logical JSON dump) and, unless left out, the encryption
 * key, into one directory with a manifest. Safe while the server runs.
 */
export async function createBackup(config: ServerConfig, options: BackupOptions): Promise<BackupManifest> {
  const key = currentKey(config);
  prepareDir(options.dir);
  const database = await openDatabase(config.database);
  let migrations: string[];
  let tables: Record<string, number> | undefined;
  try {
    migrations = await appliedMigrations(database);
    if (config.database.kind === 'sqlite') {
      await database.close();
      await backupSqlite(config.database.file, join(options.dir, SQLITE_FILE));
    } else {
      tables = await dumpPostgres(database, join(options.dir, POSTGRES_FILE));
      await database.close();
    }
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  if (!options.withoutKey) writeBackupKey(options.dir, key.key);
  const manifest: BackupManifest = {
    format: 'guixu-backup',
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    guixuVersion: options.guixuVersion,
    database: config.database.kind,
    migrations,
    keyId: keyId(key.key),
    keyIncluded: !options.withoutKey,
    ...(tables ? { tables } : {}),
  };
  writeManifest(options.dir, manifest);
  return manifest;
}

export interface RestoreOptions {
  dir: string;
  /** Replace an existing SQLite file or a different key file (kept aside). */
  force?: boolean;
}

export interface RestoreReport {
  manifest: BackupManifest;
  database: string;
  key: KeyRestore;
}

function checkVersion(migrations: string[]): void {
  const unknown = migrations.filter((m) => !KNOWN_MIGRATIONS.includes(m));
  if (unknown.length > 0) {
    throw new GuixuError(
      'BACKUP_TOO_NEW',
      `The backup comes from a newer GuixuFlow (migrations ${unknown.join(', ')}); restore it with that version`,
      { audience: 'operator' },
    );
  }
}

/**
 * `guixu restore`: the key first (so a mismatch stops before the database is
 * touched), then the database, then a check that the restored credentials
 * decrypt with the key. Run with the server stopped.
 */
export async function restoreBackup(config: ServerConfig, options: RestoreOptions): Promise<RestoreReport> {
  const manifest = readManifest(options.dir);
  checkVersion(manifest.migrations);
  if (manifest.database !== config.database.kind) {
    throw new GuixuError(
      'BACKUP_WRONG_DATABASE',
      `The backup is of a ${manifest.database} database but this instance uses ${config.database.kind}`,
      { audience: 'operator' },
    );
  }
  const keyInBackup = manifest.keyIncluded ? readBackupKey(options.dir) : undefined;
  if (keyInBackup && keyId(keyInBackup) !== manifest.keyId)
    throw new GuixuError(
      'BACKUP_INVALID',
      `${join(options.dir, KEY_FILE)} does not match the manifest's key id`,
    );

  let where: string;
  if (config.database.kind === 'sqlite') {
    const file = config.database.file;
    const backupFile = join(options.dir, SQLITE_FILE);
    checkVersion(sqliteMigrations(backupFile));
    if (existsSync(file) && !options.force) {
      throw new GuixuError('RESTORE_TARGET_NOT_EMPTY', `${file} exists; restoring would replace it`, {
        audience: 'operator',
        description:
          'Stop the server and run again with --force, or point GUIXU_DATA_DIR/DATABASE_URL elsewhere.',
      });
    }
    const key = restoreKey(config, manifest.keyId, keyInBackup, options.force ?? false);
    await restoreSqlite(backupFile, file);
    where = file;
    await verify(config);
    return { manifest, database: where, key };
  }
  const key = restoreKey(config, manifest.keyId, keyInBackup, options.force ?? false);
  const database = await openDatabase(config.database);
  try {
    const applied = await appliedMigrations(database);
    if (applied.some((m) => !manifest.migrations.includes(m))) {
      throw new GuixuError(
        'RESTORE_TARGET_NOT_EMPTY',
        'The database is already at a newer version than the backup; restore into an empty database or schema',
        { audience: 'operator' },
      );
    }
    const last = manifest.migrations.at(-1);
    if (last !== undefined) await migrateTo(database, last);
    await loadPostgresDump(database, join(options.dir, POSTGRES_FILE));
  } finally {
    await database.close();
  }
  where = config.database.schema ? `schema ${config.database.schema}` : 'the database';
  await verify(config);
  return { manifest, database: where, key };
}

/** Migrates to this version and checks the key decrypts what the database holds. */
async function verify(config: ServerConfig): Promise<void> {
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database);
    await new SecurityCore(database, currentKey(config), config.security).verifyKeyMatchesDatabase();
  } finally {
    await database.close();
  }
}
