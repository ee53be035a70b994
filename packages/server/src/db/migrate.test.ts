import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, type BackendKind, testDatabaseConfig } from '../testing/test-database.ts';
import type { Database } from './dialect.ts';
import { migrateToLatest, migrationsPending } from './migrate.ts';
import { migrationsFor } from './migrations/index.ts';
import { openDatabase } from './open.ts';

describe.each(BACKENDS)('migrations on %s', (kind: BackendKind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function fresh(): Promise<Database> {
    const { config, cleanup } = testDatabaseConfig(kind);
    const database = await openDatabase(config);
    cleanups.push(cleanup, () => database.close());
    return database;
  }

  it('creates every table once and is idempotent', async () => {
    const database = await fresh();
    expect(await migrationsPending(database)).toBe(true);
    const first = await migrateToLatest(database);
    const names = Object.keys(migrationsFor(database.adapter));
    expect(first.applied).toEqual(names);
    const second = await migrateToLatest(database);
    expect(second.applied).toEqual([]);
    expect(second.total).toBe(names.length);
    expect(await migrationsPending(database)).toBe(false);
    const tables = await database.db.introspection.getTables();
    expect(tables.map((t) => t.name).sort()).toEqual(
      expect.arrayContaining([
        'binary_data',
        'execution_checkpoints',
        'executions',
        'instance_settings',
        'tags',
        'trigger_state',
        'webhooks',
        'workflow_tags',
        'workflow_versions',
        'workflows',
      ]),
    );
  });

  it('enforces foreign keys and cascades', async () => {
    const database = await fresh();
    await migrateToLatest(database);
    const { db, adapter } = database;
    const now = new Date().toISOString();
    await expect(
      db
        .insertInto('workflow_versions')
        .values({
          id: 'v1',
          workflow_id: 'missing',
          version: 1,
          name: 'x',
          document: adapter.json({}),
          author: 'system',
          message: null,
          created_at: now,
        })
        .execute(),
    ).rejects.toSatisfy(adapter.isForeignKeyViolation);
    await db
      .insertInto('workflows')
      .values({
        id: 'w1',
        project_id: null,
        name: 'W',
        active: adapter.bool(true),
        nodes: adapter.json([]),
        connections: adapter.json({}),
        settings: adapter.json({ a: 1 }),
        pin_data: null,
        meta: null,
        static_data: null,
        version: 1,
        version_id: 'v1',
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })
      .execute();
    await db
      .insertInto('executions')
      .values({
        id: 'e1',
        workflow_id: 'w1',
        status: 'running',
        mode: 'manual',
        created_at: now,
        duration_ms: 5,
      })
      .execute();
    await db
      .insertInto('execution_checkpoints')
      .values(
        [1, 2, 3].map((seq) => ({ execution_id: 'e1', seq, kind: 'node', payload: '{}', created_at: now })),
      )
      .execute();
    const row = await db.selectFrom('workflows').selectAll().executeTakeFirstOrThrow();
    expect(adapter.readBool(row.active)).toBe(true);
    expect(adapter.readJson(row.settings)).toEqual({ a: 1 });
    expect(row.created_at).toBe(now);
    const execution = await db.selectFrom('executions').select('duration_ms').executeTakeFirstOrThrow();
    expect(execution.duration_ms).toBe(5);
    await db.deleteFrom('workflows').where('id', '=', 'w1').execute();
    const left = await sql<{ n: number }>`select count(*) as n from execution_checkpoints`.execute(db);
    expect(Number(left.rows[0].n)).toBe(0);
  });
});
