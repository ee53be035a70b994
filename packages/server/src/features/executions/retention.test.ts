import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualSetWorkflow, waitWorkflow } from '../../runner/test-workflows.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { ExecutionRepository } from './repository.ts';
import { pruneExecutions } from './retention.ts';

describe.each(BACKENDS)('execution retention on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.dispose());

  const ids = async () =>
    (await t.ctx.database.db.selectFrom('executions').select('id').orderBy('created_at').execute()).map(
      (r) => r.id,
    );

  it('prunes by age and by count, with checkpoints and binary data, never waiting runs', async () => {
    const runner = t.ctx.services.get('executions');
    const finished: string[] = [];
    for (let i = 0; i < 4; i++) {
      const handle = await runner.start({ workflow: manualSetWorkflow(), mode: 'manual' });
      await handle.finished;
      finished.push(handle.executionId);
    }
    const waiting = await runner.start({ workflow: waitWorkflow({ seconds: 3600 }), mode: 'manual' });
    await waiting.finished;
    await runner.binary.put(new TextEncoder().encode('x'), {
      mimeType: 'text/plain',
      executionId: finished[0],
    });
    // Distinct creation times (runs in one millisecond would tie), and the oldest looks 30 days old.
    for (const [i, id] of finished.entries()) {
      await t.ctx.database.db
        .updateTable('executions')
        .set({ created_at: new Date(Date.now() - (10 - i) * 1000).toISOString() })
        .where('id', '=', id)
        .execute();
    }
    await t.ctx.database.db
      .updateTable('executions')
      .set({ created_at: new Date(Date.now() - 30 * 86_400_000).toISOString() })
      .where('id', 'in', [finished[0], waiting.executionId])
      .execute();

    const repo = new ExecutionRepository(t.ctx.database);
    expect(await pruneExecutions(repo, runner.binary, { maxAgeDays: 14, maxCount: 0 })).toBe(1);
    expect(await ids()).not.toContain(finished[0]);
    expect(await ids()).toContain(waiting.executionId);
    const checkpoints = await t.ctx.database.db
      .selectFrom('execution_checkpoints')
      .select('execution_id')
      .where('execution_id', '=', finished[0])
      .execute();
    expect(checkpoints).toEqual([]);
    expect(await readdir(join(t.config.dataDir, 'binary'))).not.toContain(finished[0]);

    expect(await pruneExecutions(repo, runner.binary, { maxAgeDays: 0, maxCount: 2 })).toBe(1);
    expect((await ids()).sort()).toEqual([finished[2], finished[3], waiting.executionId].sort());
    expect(await pruneExecutions(repo, runner.binary, { maxAgeDays: 0, maxCount: 0 })).toBe(0);
  });
});
