import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chain, node, setNode } from '../features/webhooks/webhook-test-kit.ts';
import { createLogger } from '../logger.ts';
import { startRow } from '../runner/start-row.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { QueueDispatcher } from './dispatcher.ts';
import { requeueOrphans } from './reconciler.ts';
import { queueKeys, redisConnection } from './redis.ts';
import { dropQueue, queueEnv, TEST_REDIS_URL } from './testing/queue-test-kit.ts';

/**
 * The dispatcher on its own (real PostgreSQL and Redis, no worker): callers
 * waiting for results are answered from the database when no finish is
 * announced (Redis lost the message), every waiting execution read in one query.
 */
describe('queue dispatcher: answers from the database when a finish is not announced', () => {
  const env = queueEnv();
  const prefix = env.GUIXU_QUEUE_PREFIX ?? '';
  const keys = queueKeys(prefix);
  const redis = redisConnection(TEST_REDIS_URL, 'fail-fast');
  const queue = new Queue(keys.queueName, { connection: redis, prefix });
  let t: TestApp;
  let dispatcher: QueueDispatcher;

  beforeAll(async () => {
    // Not in queue mode itself: only its database is used.
    t = await createTestApp('postgres');
    await redis.ping();
    dispatcher = new QueueDispatcher({
      queue,
      redis,
      keys,
      database: t.ctx.database,
      store: t.ctx.services.get('executions').store,
      log: createLogger('silent'),
      maxPending: 10_000,
    });
  });
  afterAll(async () => {
    dispatcher?.close();
    await queue.close();
    redis.disconnect();
    await t?.dispose();
    await dropQueue(env);
  });

  /** Queues a new webhook execution of a two-node workflow (no worker takes it here). */
  async function queued(executionId: string) {
    const engine = createEngine({
      registry: t.ctx.registry,
      services: { clock: systemClock, binary: new MemoryBinaryStore() },
    });
    const workflow = {
      name: 'queued',
      nodes: [node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path: 'p' }), setNode('Set', 'x', '=1')],
      connections: chain(['Webhook', 'Set']),
      settings: {},
    };
    const state = engine.start(workflow, { executionId, mode: 'webhook' });
    const row = startRow(
      { workflow, mode: 'webhook' },
      {
        executionId,
        projectId: null,
        workflowId: null,
        admission: 'queue',
        startedAt: state.startedAt,
        instanceId: '',
      },
    );
    return { state, handle: await dispatcher.start({ row: { ...row, instanceId: null }, state }) };
  }

  it('resolves every waiting caller once its execution ended or was deleted, without any message', async () => {
    const handles = [];
    for (let i = 0; i < 30; i++) handles.push((await queued(`polled-${prefix}-${i}`)).handle);
    expect(dispatcher.waitingForResults).toBe(30);
    const ids = handles.map((handle) => handle.executionId);
    // Ended as a worker would leave them, but nobody says so: the poll finds them.
    const finishedAt = new Date().toISOString();
    await t.ctx.database.db
      .updateTable('executions')
      .set({ status: 'success', finished_at: finishedAt })
      .where('id', 'in', ids.slice(0, 20))
      .execute();
    await t.ctx.database.db
      .updateTable('executions')
      .set({ status: 'error', finished_at: finishedAt })
      .where('id', 'in', ids.slice(20, 25))
      .execute();
    // Deleted while queued (through the API): their callers are not left waiting for ever.
    await t.ctx.database.db.deleteFrom('executions').where('id', 'in', ids.slice(25)).execute();
    const states = await Promise.all(handles.map((handle) => handle.finished));
    expect(states.map((state) => state.executionId)).toEqual(ids);
    // (The ended ones get the state their checkpoints hold; only the row was changed here.)
    expect(states.slice(25).map((state) => state.status)).toEqual(Array(5).fill('canceled'));
    expect(states.at(-1)?.error?.code).toBe('EXECUTION_DELETED');
    expect(dispatcher.waitingForResults).toBe(0);
  }, 60_000);

  it('queues a second resume of the same checkpoint after the first resume job was consumed', async () => {
    // Seen in the chaos suite: a worker recovering the run job of a waiting execution put it back to
    // waiting, so the worker that took the first resume job found nothing to resume; the next claim
    // of the same checkpoint must queue a job again (with the same job id, BullMQ dropped it).
    const executionId = `resumed-${prefix}`;
    const { state } = await queued(executionId);
    const row = await t.ctx.services.get('executions').store.findRow(executionId);
    if (!row) throw new Error('the execution row was not written');
    const jobState = async () => {
      const id = await redis.get(keys.jobOf(executionId));
      const job = id === null ? undefined : await queue.getJob(id);
      return { id, state: await job?.getState() };
    };

    // Every job is consumed at once, as by a worker that finds nothing to do.
    const consumer = new Worker(keys.queueName, async () => 'waiting', {
      connection: redisConnection(TEST_REDIS_URL, 'blocking'),
      prefix,
    });
    try {
      await dispatcher.resume({ row, seq: state.seq, input: { reason: 'time' } });
      const firstJob = await jobState();
      await expect.poll(async () => (await jobState()).state, { timeout: 15_000 }).toBe('completed');

      await consumer.pause();
      await dispatcher.resume({ row, seq: state.seq, input: { reason: 'time' } });
      const second = await jobState();
      expect(second.id).not.toBe(firstJob.id);
      expect(['waiting', 'prioritized']).toContain(second.state);
    } finally {
      await consumer.close();
    }
  }, 60_000);

  it('queues again a resume whose job Redis lost, though the process that queued it lives on', async () => {
    // Seen in the chaos suite after a Redis restart: the resume jobs queued just before it were gone,
    // and their rows stayed `running` for good, claimed by a live process whose heartbeat kept them fresh.
    const runner = t.ctx.services.get('executions');
    const workflow = {
      name: 'waits',
      nodes: [
        node('Start', 'guixu.manualTrigger', {}),
        node('Wait', 'guixu.wait', { resume: 'timeInterval', amount: 1, unit: 'hours' }),
        setNode('After', 'x', '=1'),
      ],
      connections: chain(['Start', 'Wait', 'After']),
      settings: {},
    };
    // Suspended in this process (not in queue mode yet), then resumed through the queue.
    const suspended = await (await runner.start({ workflow, mode: 'manual' })).finished;
    expect(suspended.status).toBe('waiting');
    const executionId = suspended.executionId;
    runner.sendTo(dispatcher);
    await runner.resume(executionId, { reason: 'time' });
    const claimed = await runner.store.findRow(executionId);
    expect(claimed).toMatchObject({ status: 'running', instance_id: null });

    // Redis restarted: the job and the record of it are gone.
    const lost = await redis.get(keys.jobOf(executionId));
    if (lost === null) throw new Error('no resume job was queued');
    await (await queue.getJob(lost))?.remove();
    await redis.del(keys.jobOf(executionId));

    // This process (the leader, alive in Redis) looks for orphans once the claim is stale.
    await t.ctx.database.db
      .updateTable('executions')
      .set({ heartbeat_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', executionId)
      .execute();
    const queued = await requeueOrphans(
      runner,
      queue,
      30_000,
      createLogger('silent'),
      async () => true,
      redis,
      keys,
    );
    expect(queued).toBe(1);
    const again = await redis.get(keys.jobOf(executionId));
    expect(again).not.toBe(lost);
    const job = again === null ? undefined : await queue.getJob(again);
    expect(job?.data).toEqual({ executionId });
    expect(['waiting', 'prioritized']).toContain(await job?.getState());
  }, 60_000);
});
