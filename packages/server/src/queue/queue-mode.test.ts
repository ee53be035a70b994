import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeWorkflow, api, chain, node, setNode } from '../features/webhooks/webhook-test-kit.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { dropQueue, queueEnv, startTestWorker } from './testing/queue-test-kit.ts';

function webhook(path: string, responseMode: 'lastNode' | 'onReceived') {
  return node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path, responseMode });
}

describe('queue mode: a main queues, a worker runs', () => {
  // Executions on the inline host: what is tested is the queue between processes, not the
  // worker threads (the chaos suite runs real processes with them); it keeps this file fast.
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

  it('answers a "last node" webhook with the result the worker computed', async () => {
    await activeWorkflow(
      main,
      [webhook('greet', 'lastNode'), setNode('Set', 'greeting', '=Hello {{ $json.body.name }}')],
      chain(['Webhook', 'Set']),
    );
    const response = await main.app.inject({
      method: 'POST',
      url: '/webhook/greet',
      payload: { name: 'Ada' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ greeting: 'Hello Ada' });
    const list = await api(main, 'GET', '/api/v1/executions?limit=5');
    const rows = (list.body as { data: { status: string; id: string }[] }).data;
    expect(rows.map((row) => row.status)).toEqual(['success']);
    const row = await main.ctx.services.get('executions').store.findRow(rows[0].id);
    // The worker ran it: the main never did (its runner has nothing active).
    expect(main.ctx.services.get('executions').activeIds()).toEqual([]);
    expect(row?.status).toBe('success');
    const mainMetrics = await main.app.inject({ method: 'GET', url: '/metrics' });
    expect(mainMetrics.body).toContain('guixu_queue_jobs');
    expect(mainMetrics.body).toContain('guixu_leader');
    const workerMetrics = await worker.app.app.inject({ method: 'GET', url: '/metrics' });
    expect(workerMetrics.body).toMatch(/^guixu_queue_job_run_seconds_count\{status="success"\} [1-9]/m);
    expect(workerMetrics.body).toContain('guixu_worker_utilisation');
  });

  it('answers with a Respond to Webhook node that ran on the worker', async () => {
    await activeWorkflow(
      main,
      [
        node('Webhook', 'guixu.webhook', {
          httpMethod: 'POST',
          path: 'respond',
          responseMode: 'responseNode',
        }),
        node('Respond', 'guixu.respondToWebhook', {
          respondWith: 'json',
          responseBody: '={{ { "from": "worker", "n": $json.body.n } }}',
        }),
      ],
      chain(['Webhook', 'Respond']),
    );
    const response = await main.app.inject({ method: 'POST', url: '/webhook/respond', payload: { n: 7 } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ from: 'worker', n: 7 });
  });

  it('holds a workflow concurrency limit across two workers', async () => {
    // A slow HTTP peer counts the calls in flight: with a limit of 1 there is never more than one.
    let inFlight = 0;
    let most = 0;
    const peer = createServer((_request, response) => {
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight--;
        response.setHeader('content-type', 'application/json');
        response.end('{"ok":true}');
      }, 50);
    });
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    const address = peer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const second = await startTestWorker(main.config, env);
    try {
      await activeWorkflow(
        main,
        [
          webhook('limited', 'onReceived'),
          node('Call', 'guixu.httpRequest', { method: 'GET', url: `http://127.0.0.1:${port}/slow` }),
        ],
        chain(['Webhook', 'Call']),
        { timezone: 'UTC', concurrencyLimit: 1 },
      );
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const response = await main.app.inject({ method: 'POST', url: '/webhook/limited', payload: {} });
        ids.push(String(response.headers['x-execution-id']));
      }
      const store = main.ctx.services.get('executions').store;
      for (;;) {
        const rows = await Promise.all(ids.map((id) => store.findRow(id)));
        if (rows.every((row) => row?.status === 'success')) break;
        expect(rows.filter((row) => row && !['new', 'running', 'success'].includes(row.status))).toEqual([]);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(most).toBe(1);
    } finally {
      await second.close();
      await new Promise((resolve) => peer.close(resolve));
    }
  });

  it('cancels through the main an execution a worker is running', async () => {
    // A peer that never answers by itself: the execution stays in its HTTP node until canceled.
    const held: import('node:http').ServerResponse[] = [];
    const peer = createServer((_request, response) => {
      held.push(response);
    });
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    const address = peer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await activeWorkflow(
        main,
        [
          webhook('hang', 'onReceived'),
          node('Call', 'guixu.httpRequest', { method: 'GET', url: `http://127.0.0.1:${port}/` }),
        ],
        chain(['Webhook', 'Call']),
      );
      const started = await main.app.inject({ method: 'POST', url: '/webhook/hang', payload: {} });
      const id = String(started.headers['x-execution-id']);
      while (held.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      const canceled = await api(main, 'POST', `/api/v1/executions/${id}/cancel`);
      expect(canceled.status).toBe(200);
      const row = await main.ctx.services.get('executions').store.findRow(id);
      expect(row?.status).toBe('canceled');
    } finally {
      for (const response of held) response.destroy();
      await new Promise((resolve) => peer.close(resolve));
    }
  });

  it('runs a workflow with a Wait: the main wakes it, a worker continues it', async () => {
    await activeWorkflow(
      main,
      [
        webhook('wait', 'lastNode'),
        node('Wait', 'guixu.wait', { resume: 'timeInterval', amount: 0, unit: 'seconds' }),
        setNode('After', 'done', '=yes'),
      ],
      chain(['Webhook', 'Wait', 'After']),
    );
    const response = await main.app.inject({ method: 'POST', url: '/webhook/wait', payload: {} });
    expect(response.statusCode).toBe(200);
  });
});

describe('queue mode: back-pressure and outages', () => {
  it('answers 429 with Retry-After when the queue is over its limit', async () => {
    const env = queueEnv({ GUIXU_QUEUE_MAX_PENDING: '1' });
    const main = await createTestApp('postgres', { env });
    try {
      await activeWorkflow(
        main,
        [webhook('busy', 'onReceived'), setNode('Set', 'x', '=1')],
        chain(['Webhook', 'Set']),
      );
      const first = await main.app.inject({ method: 'POST', url: '/webhook/busy', payload: {} });
      expect(first.statusCode).toBe(200);
      const second = await main.app.inject({ method: 'POST', url: '/webhook/busy', payload: {} });
      expect(second.statusCode).toBe(429);
      expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
      expect(second.json()).toMatchObject({ code: 'EXECUTION_QUEUE_FULL' });
    } finally {
      await main.dispose();
      await dropQueue(env);
    }
  });

  it('answers 503 with Retry-After while Redis is unreachable, and keeps nothing it refused', async () => {
    // A port nothing listens on: the queue is down from the start.
    const env = queueEnv({ GUIXU_QUEUE_URL: 'redis://127.0.0.1:1' });
    const main = await createTestApp('postgres', { env });
    try {
      await activeWorkflow(
        main,
        [webhook('down', 'onReceived'), setNode('Set', 'x', '=1')],
        chain(['Webhook', 'Set']),
      );
      const response = await main.app.inject({ method: 'POST', url: '/webhook/down', payload: {} });
      expect(response.statusCode).toBe(503);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.json()).toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
      const list = await api(main, 'GET', '/api/v1/executions?limit=5');
      expect((list.body as { data: unknown[] }).data).toEqual([]);
    } finally {
      await main.dispose();
    }
  });
});
