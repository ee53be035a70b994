import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { activeWorkflow, api, chain, node } from '../webhooks/webhook-test-kit.ts';
import { CallbackDelivery } from './delivery.ts';
import { CallbackStore } from './store.ts';

/**
 * Workflow callbacks through the server: a finished execution POSTs a signed
 * payload to the workflow's success or failure URL (a local receiver that
 * verifies the signature), retried until delivered, and resumed after a restart.
 */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe.each(BACKENDS)('workflow callbacks on %s', (kind) => {
  let t: TestApp;
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  let failuresLeft = 0;
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/flaky' && failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(503).end('busy');
        return;
      }
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(204).end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  let base = '';
  const arrival = async (path: string) => {
    for (;;) {
      const hit = received.find((r) => r.path === path);
      if (hit) return hit;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const verify = (hit: Received, secret: string) => {
    const header = String(hit.headers['x-guixu-signature'] ?? '');
    const [, ts, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
    return mac === createHmac('sha256', secret).update(`${ts}.${hit.body}`).digest('hex');
  };

  async function workflowWith(path: string, callbacks: Record<string, string>, fail = false) {
    const nodes = [
      node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path, responseMode: 'onReceived' }),
      fail
        ? node('Fail', 'guixu.stopAndError', { errorType: 'errorMessage', errorMessage: 'boom' })
        : node('Done', 'guixu.noOp', {}),
    ];
    const id = await activeWorkflow(t, nodes, chain(['Webhook', fail ? 'Fail' : 'Done']), {
      timezone: 'UTC',
      callbacks,
    });
    const rotated = await api(t, 'POST', `/api/v1/workflows/${id}/callback-secret`);
    expect(rotated.status).toBe(200);
    const { secret } = rotated.body as { secret: string };
    return { id, secret };
  }

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    t = await createTestApp(kind, { env: { GUIXU_CALLBACK_RETRY_BASE_MS: '5' } });
  });
  afterAll(async () => {
    await t.dispose();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('posts a signed payload to the success URL; the secret is never sent back', async () => {
    const { id, secret } = await workflowWith('cb-ok', {
      successUrl: `${base}/ok`,
      failureUrl: `${base}/never`,
    });
    expect(secret).toMatch(/^whsec_/);
    const run = await t.app.inject({ method: 'POST', url: '/webhook/cb-ok', payload: {} });
    const hit = await arrival('/ok');
    expect(verify(hit, secret)).toBe(true);
    expect(verify(hit, 'whsec_other')).toBe(false);
    expect(JSON.parse(hit.body)).toMatchObject({
      event: 'execution.succeeded',
      workflowId: id,
      executionId: run.headers['x-execution-id'],
      status: 'success',
    });
    const workflow = await api(t, 'GET', `/api/v1/workflows/${id}`);
    expect(JSON.stringify(workflow.body)).not.toContain(secret);
  });

  it('posts failures to the failure URL with the error, retrying a busy receiver', async () => {
    failuresLeft = 2;
    const { id, secret } = await workflowWith('cb-fail', { failureUrl: `${base}/flaky` }, true);
    await t.app.inject({ method: 'POST', url: '/webhook/cb-fail', payload: {} });
    const hit = await arrival('/flaky');
    expect(failuresLeft).toBe(0);
    expect(verify(hit, secret)).toBe(true);
    expect(JSON.parse(hit.body)).toMatchObject({
      event: 'execution.failed',
      workflowId: id,
      status: 'error',
    });
    expect(JSON.parse(hit.body).error.message).toContain('boom');
  });

  it('sends a callback still pending at a crash after the restart', async () => {
    const { id, secret } = await workflowWith('cb-crash', {});
    const store = new CallbackStore(t.ctx.database, t.ctx.services.get('security').cipher);
    // Queued, then the process died before sending: only the row in the database remains.
    await store.enqueue({
      workflowId: id,
      executionId: 'e-crash',
      url: `${base}/after-restart`,
      payload: '{"x":1}',
    });
    const restarted = new CallbackDelivery(
      store,
      { baseDelayMs: 5, maxAttempts: 3, timeoutMs: 5000 },
      t.ctx.log,
    );
    await restarted.resume();
    const hit = await arrival('/after-restart');
    expect(hit.body).toBe('{"x":1}');
    expect(verify(hit, secret)).toBe(true);
    // The row goes once the receiver answered (the test's timeout bounds the wait).
    while ((await store.pending()).some((d) => d.execution_id === 'e-crash')) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    restarted.stop();
  });
});
