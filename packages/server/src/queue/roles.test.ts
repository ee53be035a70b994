import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { pruningOf } from '../features/executions/plugin.ts';
import { everySecond } from '../features/schedules/schedule-test-kit.ts';
import { waitTimersOf } from '../features/waiting/plugin.ts';
import { activeWorkflow, chain, node, setNode } from '../features/webhooks/webhook-test-kit.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { dropQueue, queueEnv, startTestWorker } from './testing/queue-test-kit.ts';

const WAIT_MS = 60_000;

async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function leads(app: FastifyInstance): Promise<boolean> {
  const metrics = await app.inject({ method: 'GET', url: '/metrics' });
  return /^guixu_leader 1$/m.test(metrics.body);
}

describe('queue mode: who runs the singleton duties', () => {
  const opened: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of opened.reverse()) await close();
  });

  /** A database and a queue of their own, with an app (never started) to call the API through. */
  async function cluster(): Promise<{ env: Record<string, string>; api: TestApp }> {
    const env = queueEnv({ GUIXU_EXECUTION_WORKERS: '0' });
    const api = await createTestApp('postgres', { env });
    opened.push(async () => {
      await api.dispose();
      await dropQueue(env);
    });
    return { env, api };
  }

  async function start(api: TestApp, env: Record<string, string>, role: 'worker' | 'main' | 'webhook') {
    const started = await startTestWorker(api.config, env, { role });
    opened.push(() => started.close());
    return started.app;
  }

  it('a webhook process takes webhooks, and never runs schedules or listeners', async () => {
    const { env, api } = await cluster();
    await activeWorkflow(api, [everySecond()], {});
    await activeWorkflow(
      api,
      [
        node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path: 'hook', responseMode: 'lastNode' }),
        setNode('Set', 'ok', '=yes'),
      ],
      chain(['Webhook', 'Set']),
    );
    const hook = await start(api, env, 'webhook');
    await start(api, env, 'worker');
    // Its webhooks are queued and answered with the worker's result.
    const answered = await hook.app.inject({ method: 'POST', url: '/webhook/hook', payload: {} });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ ok: 'yes' });
    const triggers = hook.ctx.services.get('triggers');
    // The schedule is known (activated at start) but its clock never runs here; no listener is open.
    expect(triggers.schedules.size).toBe(1);
    expect(triggers.schedules.clockRunning).toBe(false);
    expect(triggers.events.running).toBe(false);
    // Nor Wait wake-ups or pruning.
    expect(waitTimersOf(hook.ctx)?.running).toBe(false);
    expect(pruningOf(hook.ctx)?.running).toBe(false);
    expect(await leads(hook.app)).toBe(false);
  }, 120_000);

  it('a main runs schedules and listeners once it leads', async () => {
    const { env, api } = await cluster();
    const workflowId = await activeWorkflow(api, [everySecond()], {});
    const main = await start(api, env, 'main');
    const worker = await start(api, env, 'worker');
    await until('the main leads', () => leads(main.app));
    const triggers = main.ctx.services.get('triggers');
    await until(
      'its duties started',
      () =>
        triggers.schedules.clockRunning &&
        triggers.events.running &&
        waitTimersOf(main.ctx)?.running === true &&
        pruningOf(main.ctx)?.running === true,
    );
    // A worker runs executions only.
    expect(waitTimersOf(worker.ctx)?.running).toBe(false);
    expect(pruningOf(worker.ctx)?.running).toBe(false);
    await until('the schedule fired and ran on the worker', async () => {
      const rows = await api.ctx.database.db
        .selectFrom('executions')
        .select('status')
        .where('workflow_id', '=', workflowId)
        .where('status', '=', 'success')
        .execute();
      return rows.length > 0;
    });
  }, 120_000);
});
