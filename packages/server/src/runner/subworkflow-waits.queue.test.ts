import { executionDetailSchema } from '@guixu/api';
import type { WorkflowNode } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, chain, createWorkflow, node, setNode } from '../features/webhooks/webhook-test-kit.ts';
import { dropQueue, queueEnv, startTestWorker } from '../queue/testing/queue-test-kit.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { cancelWaitingExecution } from './cancel-waiting.ts';

const called = () => node('Called', 'guixu.executeWorkflowTrigger', { inputSource: 'passthrough' });

describe('queue mode: a sub-workflow that waits suspends its parent, and workers resume both', () => {
  // Inline hosts, as queue-mode.test.ts: the queue between processes is what is tested here.
  const env = queueEnv({ GUIXU_EXECUTION_WORKERS: '0' });
  let main: TestApp;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;

  beforeAll(async () => {
    main = await createTestApp('postgres', { env });
    worker = await startTestWorker(main.config, env);
  });
  afterAll(async () => {
    await worker?.close();
    await main?.dispose();
    await dropQueue(env);
  });

  const detail = async (id: string) =>
    executionDetailSchema.parse((await api(main, 'GET', `/api/v1/executions/${id}`)).body);
  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    let value = await read();
    for (let i = 0; i < 1200 && !done(value); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      value = await read();
    }
    return value;
  }
  const linkOf = (parentId: string) =>
    until(
      () =>
        main.ctx.database.db
          .selectFrom('subworkflow_waits')
          .selectAll()
          .where('parent_execution_id', '=', parentId)
          .executeTakeFirst(),
      (link) => link !== undefined,
    );
  async function startParent(child: WorkflowNode[], childChain: string[], onError?: 'continueRegularOutput') {
    const childId = await createWorkflow(main, child, chain(childChain));
    const parentId = await createWorkflow(
      main,
      [
        node('Start', 'guixu.manualTrigger', {}),
        node('Call', 'guixu.executeWorkflow', { source: 'database', workflowId: childId }),
        setNode('After', 'after', '=yes'),
      ].map((n) => (n.name === 'Call' && onError ? { ...n, onError } : n)),
      chain(['Start', 'Call', 'After']),
    );
    const run = await api(main, 'POST', `/api/v1/workflows/${parentId}/run`, { input: { n: 1 } });
    const executionId = z.object({ executionId: z.string() }).parse(run.body).executionId;
    const waiting = await until(
      () => detail(executionId),
      (state) => state.status !== 'new' && state.status !== 'running',
    );
    expect(waiting.status).toBe('waiting');
    const link = await linkOf(executionId);
    if (!link) throw new Error('the child was not linked');
    return { parent: executionId, child: link.child_execution_id };
  }
  const ended = (id: string) =>
    until(
      () => detail(id),
      (state) => ['success', 'error', 'canceled'].includes(state.status),
    );

  it('resumes the parent on a worker when the child, resumed by a webhook call on the main, ends', async () => {
    const { parent, child } = await startParent(
      [
        called(),
        node('Wait', 'guixu.wait', { resume: 'webhook', httpMethod: 'POST', responseMode: 'onReceived' }),
        setNode('Mark', 'child', '=done'),
      ],
      ['Called', 'Wait', 'Mark'],
    );
    const resumed = await api(main, 'POST', `/webhook-waiting/${child}`, { v: 1 });
    expect(resumed.status).toBe(200);
    const done = await ended(parent);
    expect(done.status).toBe('success');
    expect(done.runData.Call).toHaveLength(1);
    // The child's last node (Mark) keeps only its field; the parent's After gets that item.
    expect(done.runData.Call?.[0]?.output[0]?.map((item) => item.json)).toEqual([{ child: 'done' }]);
    expect(done.runData.After?.[0]?.output[0]?.map((item) => item.json)).toEqual([{ after: 'yes' }]);
    // Nothing ran on the main: the queue carried every run and resume.
    expect(main.ctx.services.get('executions').activeIds()).toEqual([]);
  });

  it("queues the parent's resume from the main's scan when the child ended without resuming it", async () => {
    const { parent, child } = await startParent(
      [
        called(),
        node('Wait', 'guixu.wait', { resume: 'webhook', httpMethod: 'POST', responseMode: 'onReceived' }),
        setNode('Mark', 'child', '=done'),
      ],
      ['Called', 'Wait', 'Mark'],
      'continueRegularOutput',
    );
    const runner = main.ctx.services.get('executions');
    // The child ends in the database alone (as a process that died right after), then the scan runs.
    expect(await cancelWaitingExecution(runner.store, child)).not.toBeNull();
    await runner.subWorkflowWaits.scan();
    const done = await ended(parent);
    expect(done.status).toBe('success');
    expect(String(done.runData.Call?.[0]?.output[0]?.[0]?.json.error)).toContain(
      `The sub-workflow execution ${child} was canceled`,
    );
  });
});
