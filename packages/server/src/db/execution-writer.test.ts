import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { groupCommitWriter } from './execution-writer.ts';

describe.each(BACKENDS)('execution writer on %s', (kind) => {
  let t: TestDatabase;
  const now = new Date().toISOString();

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const { db, adapter } = t.database;
    await db
      .insertInto('workflows')
      .values({
        id: 'w',
        project_id: null,
        name: 'W',
        active: adapter.bool(false),
        nodes: '[]',
        connections: '{}',
        settings: '{}',
        pin_data: null,
        meta: null,
        static_data: null,
        version: 1,
        version_id: 'v',
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })
      .execute();
  });
  afterAll(async () => t.dispose());

  it('commits concurrent executions with their checkpoints and final state', async () => {
    const writer = t.database.executions;
    const ids = Array.from({ length: 120 }, (_, i) => `e${i}`);
    await Promise.all(
      ids.map(async (id, i) => {
        await writer.write({
          inserts: [
            {
              id,
              workflowId: 'w',
              workflowVersion: 1,
              status: 'running',
              mode: 'webhook',
              createdAt: now,
              trigger: { node: 'Webhook' },
            },
          ],
          checkpoints: [1, 2].map((seq) => ({
            executionId: id,
            seq,
            kind: 'node',
            payload: `{"seq":${seq}}`,
            createdAt: now,
          })),
        });
        await writer.write({
          checkpoints: [{ executionId: id, seq: 3, kind: 'node', payload: '{"seq":3}', createdAt: now }],
          updates: [
            { id, status: 'running', heartbeatAt: now },
            {
              id,
              status: i % 2 ? 'success' : 'error',
              finishedAt: now,
              durationMs: i,
              runState: { runData: { i } },
              error: i % 2 ? null : { code: 'X', message: 'failed' },
            },
          ],
        });
      }),
    );
    const { db, adapter } = t.database;
    const rows = await db.selectFrom('executions').selectAll().orderBy('duration_ms').execute();
    expect(rows).toHaveLength(120);
    expect(rows[7]).toMatchObject({
      id: 'e7',
      status: 'success',
      duration_ms: 7,
      finished_at: now,
      heartbeat_at: now,
    });
    expect(adapter.readJson(rows[7].run_state)).toEqual({ runData: { i: 7 } });
    expect(adapter.readJson(rows[8].error)).toEqual({ code: 'X', message: 'failed' });
    expect(adapter.readJson(rows[7].error)).toBeNull();
    expect(adapter.readJson(rows[0].trigger)).toEqual({ node: 'Webhook' });
    const checkpoints = await db
      .selectFrom('execution_checkpoints')
      .select(['seq', 'payload'])
      .where('execution_id', '=', 'e5')
      .orderBy('seq')
      .execute();
    expect(checkpoints).toEqual([
      { seq: 1, payload: '{"seq":1}' },
      { seq: 2, payload: '{"seq":2}' },
      { seq: 3, payload: '{"seq":3}' },
    ]);
  });

  it('fails only the bad batch of a group', async () => {
    const writer = t.database.executions;
    const results = await Promise.allSettled([
      writer.write({
        inserts: [
          { id: 'ok1', workflowId: 'w', workflowVersion: 1, status: 'new', mode: 'manual', createdAt: now },
        ],
      }),
      writer.write({
        inserts: [
          { id: 'e1', workflowId: 'w', workflowVersion: 1, status: 'new', mode: 'manual', createdAt: now },
        ],
      }),
      writer.write({
        checkpoints: [{ executionId: 'missing', seq: 1, kind: 'node', payload: '{}', createdAt: now }],
      }),
      writer.write({
        inserts: [
          { id: 'ok2', workflowId: 'w', workflowVersion: 1, status: 'new', mode: 'manual', createdAt: now },
        ],
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(
      t.database.adapter.isUniqueViolation(results[1].status === 'rejected' ? results[1].reason : undefined),
    ).toBe(true);
    const found = await t.database.db
      .selectFrom('executions')
      .select('id')
      .where('id', 'in', ['ok1', 'ok2'])
      .execute();
    expect(found).toHaveLength(2);
  });

  it('stores run data holding NUL characters', async () => {
    await t.database.executions.write({
      inserts: [
        {
          id: 'nul',
          workflowId: null,
          workflowVersion: null,
          status: 'success',
          mode: 'webhook',
          createdAt: now,
        },
      ],
      updates: [{ id: 'nul', runState: { text: 'a\u0000b', escaped: 'c\\u0000d' } }],
    });
    const row = await t.database.db
      .selectFrom('executions')
      .select('run_state')
      .where('id', '=', 'nul')
      .executeTakeFirstOrThrow();
    const state = t.database.adapter.readJson(row.run_state);
    // jsonb cannot hold U+0000; SQLite keeps it. The literal text "\u0000" survives on both.
    expect(state).toEqual({ text: kind === 'postgres' ? 'a\uFFFDb' : 'a\u0000b', escaped: 'c\\u0000d' });
  });
});

describe('group commit', () => {
  it('commits at most maxGroup batches per tick, in order, letting other work run between groups', async () => {
    const events: string[] = [];
    const writer = groupCommitWriter((batch) => {
      events.push(`commit ${batch.inserts.map((e) => e.id).join(',')}`);
      // Work that arrived while a group was committed runs before the next group.
      setImmediate(() => events.push('io'));
    }, 2);
    const insert = (id: string) =>
      writer.write({
        inserts: [
          { id, workflowId: null, workflowVersion: null, status: 'new', mode: 'manual', createdAt: '' },
        ],
      });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map(insert));
    expect(events.filter((e) => e.startsWith('commit'))).toEqual(['commit a,b', 'commit c,d', 'commit e']);
    expect(events.slice(0, 4)).toEqual(['commit a,b', 'io', 'commit c,d', 'io']);
  });

  it('flush waits for every queued group', async () => {
    let committed = 0;
    const writer = groupCommitWriter((batch) => {
      committed += batch.inserts.length;
    }, 3);
    for (let i = 0; i < 10; i++) {
      void writer.write({
        inserts: [
          {
            id: `f${i}`,
            workflowId: null,
            workflowVersion: null,
            status: 'new',
            mode: 'manual',
            createdAt: '',
          },
        ],
      });
    }
    await writer.flush();
    expect(committed).toBe(10);
  });
});
