import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { GuixuError } from '@guixu/core';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/dialect.ts';
import { SEEDED_TABLES } from '../db/migrations/index.ts';

/** Kysely's bookkeeping: the migrations come back through the migrator, not as rows. */
const SKIPPED = new Set(['guixu_migrations', 'guixu_migrations_lock']);

const lineSchema = z.object({ table: z.string(), row: z.record(z.string(), z.unknown()) });

type Untyped = Kysely<unknown>;

async function schemaOf(db: Untyped): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (schema === undefined) throw new Error('the PostgreSQL connection has no current schema');
  return schema;
}

/** The tables in the schema, parents before children (foreign keys), so inserts never dangle. */
export async function tablesInOrder(database: Database): Promise<string[]> {
  const db = database.db as unknown as Untyped;
  const schema = await schemaOf(db);
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = ${schema} and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const edges = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = k.connamespace
    where k.contype = 'f' and n.nspname = ${schema}`.execute(db);
  const names = tables.rows.map((t) => t.name).filter((n) => !SKIPPED.has(n));
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const { child, parent } of edges.rows) if (child !== parent) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter(
      (n) => !placed.has(n) && [...(parents.get(n) ?? [])].every((p) => placed.has(p)),
    );
    if (ready.length === 0) throw new Error('the tables reference each other in a cycle');
    for (const n of ready) {
      ordered.push(n);
      placed.add(n);
    }
  }
  return ordered;
}

/**
 * A logical dump of every table: one JSON line `{ table, row }` per row, parent
 * tables first. Read in one repeatable-read transaction, so the dump is one
 * consistent moment while the server keeps running. Column values are what
 * the driver returns (jsonb parsed, timestamps as ISO text, numbers as numbers).
 */
export async function dumpPostgres(database: Database, file: string): Promise<Record<string, number>> {
  const out = createWriteStream(file, { mode: 0o600 });
  const counts: Record<string, number> = {};
  const tables = await tablesInOrder(database);
  await (database.db as unknown as Untyped)
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      for (const table of tables) {
        const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(trx);
        counts[table] = rows.length;
        for (const row of rows) {
          if (!out.write(`${JSON.stringify({ table, row })}\n`)) await once(out, 'drain');
        }
      }
    });
  out.end();
  await once(out, 'finish');
  return counts;
}

async function jsonColumns(db: Untyped, schema: string): Promise<Map<string, Set<string>>> {
  const { rows } = await sql<{ table: string; column: string }>`
    select table_name as table, column_name as column from information_schema.columns
    where table_schema = ${schema} and data_type in ('jsonb', 'json')`.execute(db);
  const map = new Map<string, Set<string>>();
  for (const { table, column } of rows) map.set(table, (map.get(table) ?? new Set()).add(column));
  return map;
}

/**
 * Loads a dump into a database migrated to the dump's version whose tables are
 * empty, in one transaction: all rows or none.
 */
export async function loadPostgresDump(database: Database, file: string): Promise<Record<string, number>> {
  const db = database.db as unknown as Untyped;
  const schema = await schemaOf(db);
  const json = await jsonColumns(db, schema);
  const known = new Set(await tablesInOrder(database));
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    for (const table of known) {
      // A migration's seed rows (the default AI prices) are not data: the dump holds the table as it was.
      if (SEEDED_TABLES.has(table)) {
        await sql`delete from ${sql.table(table)}`.execute(trx);
        continue;
      }
      const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(trx);
      if (Number(rows[0]?.n ?? 0) > 0) {
        throw new GuixuError('RESTORE_TARGET_NOT_EMPTY', `The database already holds data (table ${table})`, {
          audience: 'operator',
          description: 'Restore into an empty database or schema (DATABASE_URL, GUIXU_DATABASE_SCHEMA).',
        });
      }
    }
    const lines = createInterface({
      input: createReadStream(file, 'utf8'),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const text of lines) {
      if (text.trim() === '') continue;
      const { table, row } = lineSchema.parse(JSON.parse(text));
      if (!known.has(table))
        throw new GuixuError('BACKUP_INVALID', `The dump names an unknown table "${table}"`);
      const jsonIn = json.get(table) ?? new Set<string>();
      const columns = Object.keys(row);
      const values = columns.map((c) =>
        jsonIn.has(c) && row[c] !== null ? sql`${JSON.stringify(row[c])}::jsonb` : sql`${row[c]}`,
      );
      await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.id(c)))}) values (${sql.join(values)})`.execute(
        trx,
      );
      counts[table] = (counts[table] ?? 0) + 1;
    }
  });
  return counts;
}
