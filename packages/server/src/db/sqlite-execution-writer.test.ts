import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from './migrate.ts';
import { openSqlite } from './sqlite.ts';
import type { WalCheckpointStats } from './sqlite-execution-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'guixu-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const payload = JSON.stringify({
  seq: 1,
  record: { data: { main: [[{ json: { text: 'x'.repeat(2000) } }]] } },
});

function statsOf(writer: unknown): WalCheckpointStats {
  if (typeof writer === 'object' && writer !== null && 'walCheckpoints' in writer) {
    const stats = writer.walCheckpoints;
    if (typeof stats === 'object' && stats !== null && 'restarts' in stats && 'background' in stats) {
      return { background: stats.background === true, checkpoints: 0, restarts: Number(stats.restarts) };
    }
  }
  throw new Error('the SQLite execution writer reports no WAL checkpoint stats');
}

describe('SQLite execution writer under sustained writes', () => {
  it('checkpoints in a worker, restarts the WAL, and loses no execution', async () => {
    const file = join(dir, 'busy.sqlite');
    const database = openSqlite({ file });
    await migrateToLatest(database);
    const writer = database.executions;
    let written = 0;
    const deadline = Date.now() + 60_000;
    // Write like a loaded server (a group of executions per tick) until the WAL restarted twice.
    while (statsOf(writer).restarts < 2 && Date.now() < deadline) {
      const now = new Date().toISOString();
      const group = [];
      for (let i = 0; i < 40; i++) {
        const id = `e${written++}`;
        group.push(
          writer.write({
            inserts: [
              {
                id,
                workflowId: null,
                workflowVersion: null,
                status: 'running',
                mode: 'webhook',
                createdAt: now,
              },
            ],
            checkpoints: [1, 2].map((seq) => ({
              executionId: id,
              seq,
              kind: 'step',
              payload,
              createdAt: now,
            })),
          }),
          writer.write({ updates: [{ id, status: 'success', finishedAt: now, durationMs: 1 }] }),
        );
      }
      await Promise.all(group);
    }
    expect(statsOf(writer)).toMatchObject({ background: true });
    expect(statsOf(writer).restarts).toBeGreaterThanOrEqual(2);
    // Restarted and cut back: the WAL does not grow with the number of executions written.
    expect(statSync(`${file}-wal`).size).toBeLessThan(128 * 1024 * 1024);
    await database.close();

    const reopened = openSqlite({ file });
    const rows = reopened.native
      .prepare("select count(*) as n, sum(status = 'success') as ok from executions")
      .get();
    const checkpoints = reopened.native.prepare('select count(*) as n from execution_checkpoints').get();
    await reopened.close();
    expect(rows).toEqual({ n: written, ok: written });
    expect(checkpoints).toEqual({ n: written * 2 });
  }, 90_000);

  it('keeps checkpointing in commits when writes are light', async () => {
    const database = openSqlite({ file: join(dir, 'light.sqlite') });
    await migrateToLatest(database);
    const now = new Date().toISOString();
    for (let i = 0; i < 20; i++) {
      await database.executions.write({
        inserts: [
          {
            id: `l${i}`,
            workflowId: null,
            workflowVersion: null,
            status: 'new',
            mode: 'manual',
            createdAt: now,
          },
        ],
      });
    }
    expect(statsOf(database.executions).background).toBe(false);
    expect(database.native.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await database.close();
  });
});
