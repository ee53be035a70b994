import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeWorkflow, chain, node, setNode } from '../features/webhooks/webhook-test-kit.ts';
import { createLogger } from '../logger.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { queueKeys, redisConnection } from './redis.ts';
import { dropQueue, queueEnv, startTestWorker, TEST_REDIS_URL } from './testing/queue-test-kit.ts';
import { dropsUnder, SWEEP_AFTER_MS, UnsavedExecutions } from './unsaved.ts';

const WAIT_MS = 60_000;

/** Polls `check` until it holds (generous: the CI runs two lanes on two cores). */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the save policy of an execution, as the single-process recorder decides', () => {
  it('drops a success under errors, every end under none, never a wait', () => {
    expect(dropsUnder('errors', 'success')).toBe(true);
    expect(dropsUnder('errors', 'error')).toBe(false);
    expect(dropsUnder('errors', 'canceled')).toBe(false);
    expect(dropsUnder('none', 'error')).toBe(true);
    expect(dropsUnder('none', 'canceled')).toBe(true);
    expect(dropsUnder('none', 'waiting')).toBe(false);
    expect(dropsUnder('all', 'success')).toBe(false);
  });
});

describe('queue mode: save policies errors and none', () => {
  const env = queueEnv({ GUIXU_EXECUTION_WORKERS: '0' });
  const keys = queueKeys(env.GUIXU_QUEUE_PREFIX ?? '');
  const redis = redisConnection(TEST_REDIS_URL, 'blocking');
  let main: TestApp;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;

  const row = (id: string) => main.ctx.services.get('executions').store.findRow(id);
  const marked = async (id: string) =>
    (await redis.zrange(keys.unsaved, 0, -1)).some((member) => member.endsWith(`:${id}`));
  const checkpoints = async (id: string) =>
    (
      await main.ctx.database.db
        .selectFrom('execution_checkpoints')
        .select('seq')
        .where('execution_id', '=', id)
        .execute()
    ).length;

  beforeAll(async () => {
    main = await createTestApp('postgres', { env });
    // Binary data written by the main (the upload) and read by the worker: one data directory.
    worker = await startTestWorker(main.config, env, { sharedDataDir: true });
  });
  afterAll(async () => {
    await worker?.close();
    await main?.dispose();
    await dropQueue(env);
    redis.disconnect();
  });

  it('drops a success under "errors" once its caller had the answer: row, checkpoints and binary data', async () => {
    await activeWorkflow(
      main,
      [
        node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path: 'echo', responseMode: 'responseNode' }),
        node('Respond', 'guixu.respondToWebhook', {
          respondWith: 'binary',
          responseDataSource: 'set',
          inputFieldName: 'data',
        }),
      ],
      chain(['Webhook', 'Respond']),
      { timezone: 'UTC', saveDataPolicy: 'errors' },
    );
    const bytes = Buffer.from([7, 0, 255, 1, 2]);
    const response = await main.app.inject({
      method: 'POST',
      url: '/webhook/echo',
      payload: bytes,
      headers: { 'content-type': 'application/octet-stream' },
    });
    // The answer is the binary data the upload stored: read before the execution was dropped.
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(bytes)).toBe(true);
    const id = String(response.headers['x-execution-id']);
    // Unmarked once the drop is done (row first, then binary data).
    await until('the execution is dropped', async () => (await row(id)) === undefined && !(await marked(id)));
    expect(await checkpoints(id)).toBe(0);
    expect(existsSync(join(main.config.dataDir, 'binary', id))).toBe(false);
  });

  it('keeps a failure under "errors" and drops it under "none"', async () => {
    const failing = (path: string) => [
      node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path, responseMode: 'lastNode' }),
      node('Fail', 'guixu.stopAndError', { errorType: 'errorMessage', errorMessage: 'refused on purpose' }),
    ];
    await activeWorkflow(main, failing('fail-errors'), chain(['Webhook', 'Fail']), {
      timezone: 'UTC',
      saveDataPolicy: 'errors',
    });
    await activeWorkflow(main, failing('fail-none'), chain(['Webhook', 'Fail']), {
      timezone: 'UTC',
      saveDataPolicy: 'none',
    });
    const kept = await main.app.inject({ method: 'POST', url: '/webhook/fail-errors', payload: {} });
    expect(kept.statusCode).toBe(500);
    const keptId = String(kept.headers['x-execution-id']);
    // Unmarked once the policy was applied: it stays.
    await until('the policy is applied', async () => !(await marked(keptId)));
    expect((await row(keptId))?.status).toBe('error');

    const dropped = await main.app.inject({ method: 'POST', url: '/webhook/fail-none', payload: {} });
    expect(dropped.statusCode).toBe(500);
    const droppedId = String(dropped.headers['x-execution-id']);
    await until('the failure is dropped', async () => !(await marked(droppedId)));
    expect(await row(droppedId)).toBeUndefined();
  });

  it('keeps a run under "errors" that waited (as a single process does: a wait lives in the database)', async () => {
    await activeWorkflow(
      main,
      [
        node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path: 'waits', responseMode: 'onReceived' }),
        node('Wait', 'guixu.wait', { resume: 'timeInterval', amount: 0, unit: 'seconds' }),
        setNode('After', 'done', '=yes'),
      ],
      chain(['Webhook', 'Wait', 'After']),
      { timezone: 'UTC', saveDataPolicy: 'errors' },
    );
    const response = await main.app.inject({ method: 'POST', url: '/webhook/waits', payload: {} });
    expect(response.statusCode).toBe(200);
    const id = String(response.headers['x-execution-id']);
    await until('it ran to its end', async () => (await row(id))?.status === 'success');
    await until('the policy is applied', async () => !(await marked(id)));
    expect((await row(id))?.status).toBe('success');
  });

  it('the leader drops what a main that died left marked, once it finished a while ago', async () => {
    await activeWorkflow(
      main,
      [
        node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path: 'kept', responseMode: 'lastNode' }),
        setNode('Set', 'x', '=1'),
      ],
      chain(['Webhook', 'Set']),
    );
    const run = async () => {
      const response = await main.app.inject({ method: 'POST', url: '/webhook/kept', payload: {} });
      expect(response.statusCode).toBe(200);
      return String(response.headers['x-execution-id']);
    };
    // Saved under "all", then marked as a dead main would have left them.
    const [old, recent, oldFailure] = [await run(), await run(), await run()];
    const db = main.ctx.database.db;
    const longAgo = new Date(Date.now() - SWEEP_AFTER_MS * 2).toISOString();
    await db
      .updateTable('executions')
      .set({ finished_at: longAgo })
      .where('id', 'in', [old, oldFailure])
      .execute();
    await db.updateTable('executions').set({ status: 'error' }).where('id', '=', oldFailure).execute();
    const score = Date.now() - SWEEP_AFTER_MS * 2;
    await redis.zadd(
      keys.unsaved,
      score,
      `errors:${old}`,
      score,
      `errors:${recent}`,
      score,
      `errors:${oldFailure}`,
    );
    const unsaved = new UnsavedExecutions({
      redis,
      keys,
      database: main.ctx.database,
      binary: main.ctx.services.get('executions').binary,
      log: createLogger('silent'),
    });
    expect(await unsaved.sweep()).toBe(1);
    expect(await row(old)).toBeUndefined();
    expect(await marked(old)).toBe(false);
    // Failed: kept under "errors", and unmarked.
    expect((await row(oldFailure))?.status).toBe('error');
    expect(await marked(oldFailure)).toBe(false);
    // Finished just now: its main may still be answering; looked at again later.
    expect((await row(recent))?.status).toBe('success');
    expect(await marked(recent)).toBe(true);
  });
});
