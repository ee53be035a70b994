import { executionStartedSchema } from '@guixu/api';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slowWorkflow } from '../../runner/test-workflows.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';

describe.each(BACKENDS)('execution back-pressure on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { GUIXU_MAX_CONCURRENCY: '1', GUIXU_MAX_PENDING: '1' } });
  });
  afterAll(async () => t.dispose());

  async function create(settings: Record<string, unknown>, name: string) {
    const w = slowWorkflow(1, 300, name);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      payload: { name, nodes: w.nodes, connections: w.connections, settings },
    });
    return z.object({ id: z.string() }).parse(JSON.parse(response.body)).id;
  }

  const run = (id: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/workflows/${id}/run`, payload: {} });

  it('queues one run, refuses the next with 429 and Retry-After, and runs the queued one after', async () => {
    const id = await create({}, 'Slow');
    const first = await run(id);
    const second = await run(id);
    const third = await run(id);
    expect([first.statusCode, second.statusCode]).toEqual([202, 202]);
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBe('1');
    expect(JSON.parse(third.body)).toMatchObject({ code: 'EXECUTION_QUEUE_FULL' });

    const runner = t.ctx.services.get('executions');
    const queuedId = executionStartedSchema.parse(JSON.parse(second.body)).executionId;
    await t.ctx.database.executions.flush();
    // Waiting for a slot, the execution is stored already (as `new`), so a restart would not lose it.
    expect((await runner.store.findRow(queuedId))?.status).toBe('new');
    const firstId = executionStartedSchema.parse(JSON.parse(first.body)).executionId;
    for (;;) {
      const row = await runner.store.findRow(queuedId);
      if (row?.status === 'success') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const a = await runner.store.findRow(firstId);
    const b = await runner.store.findRow(queuedId);
    expect(a?.status).toBe('success');
    expect(Date.parse(b?.started_at ?? '')).toBeGreaterThanOrEqual(Date.parse(a?.finished_at ?? ''));
  });
});
