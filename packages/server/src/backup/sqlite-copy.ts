import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/**
 * A consistent copy of a live SQLite database through SQLite's online backup
 * API: the server may keep writing (WAL) while it runs; the copy is the
 * database as of one moment.
 */
export async function backupSqlite(file: string, destination: string): Promise<void> {
  const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(destination);
  } finally {
    source.close();
  }
}

/** The migration names recorded in a SQLite database file. */
export function sqliteMigrations(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the database file is damaged (${String(check)})`);
    const rows = db.prepare('select name from guixu_migrations order by name').all();
    return rows.map((row) => String((row as { name: unknown }).name));
  } finally {
    db.close();
  }
}

/**
 * Puts a backup copy in place of the database file: copied beside it first
 * (online backup API again, so the result is a clean single file), then
 * renamed over it, so a failure never leaves half a database. The old WAL and
 * shared-memory files go: they belong to the replaced database.
 */
export async function restoreSqlite(backupFile: string, file: string): Promise<void> {
  const staging = `${file}.restoring`;
  mkdirSync(dirname(file), { recursive: true });
  rmSync(staging, { force: true });
  await backupSqlite(backupFile, staging);
  for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  if (existsSync(file)) rmSync(file);
  renameSync(staging, file);
}
