import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { S3RVER_KEY, type S3TestServer, startS3TestServer } from '../../binary/testing/s3-test-server.ts';
import { dropQueue, queueEnv } from '../../queue/testing/queue-test-kit.ts';
import { cachedProbe, ReadinessChecks } from '../../readiness.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

/** Disposes a test app after its `close` shutdown hooks (Redis connections, the S3 client). */
async function dispose(t: TestApp | undefined): Promise<void> {
  if (!t) return;
  await t.ctx.lifecycle.runPhase('close', t.ctx.log);
  await t.dispose();
}

async function readyz(t: TestApp) {
  const response = await t.raw.inject({ method: 'GET', url: '/readyz' });
  return { status: response.statusCode, body: response.json() };
}

describe('readiness probes', () => {
  it('reports a probe that throws, answers false or hangs as unreachable, and never throws', async () => {
    const checks = new ReadinessChecks(50);
    checks.add('queue', () => true);
    checks.add('binaryStorage', () => {
      throw new Error('boom');
    });
    expect(await checks.run()).toEqual({ queue: 'ok', binaryStorage: 'unreachable' });
    checks.add('binaryStorage', () => new Promise<boolean>(() => {}));
    expect(await checks.run()).toEqual({ queue: 'ok', binaryStorage: 'unreachable' });
    checks.add('queue', async () => false);
    checks.add('binaryStorage', () => Promise.reject(new Error('down')));
    expect(await checks.run()).toEqual({ queue: 'unreachable', binaryStorage: 'unreachable' });
    expect(await new ReadinessChecks().run()).toEqual({});
  });

  it('checks at most once per TTL, a failure included, and shares a check in flight', async () => {
    let clock = 0;
    let calls = 0;
    let failing = false;
    const results: boolean[] = [];
    const probe = cachedProbe(
      async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (failing) throw new Error('bucket gone');
      },
      { ttlMs: 5000, timeoutMs: 1000, now: () => clock, onResult: (ok) => results.push(ok) },
    );
    expect(await Promise.all([probe(), probe(), probe()])).toEqual([true, true, true]);
    expect(calls).toBe(1);
    failing = true;
    clock = 4999;
    expect(await probe()).toBe(true);
    expect(calls).toBe(1);
    clock = 5000;
    expect(await probe()).toBe(false);
    expect(calls).toBe(2);
    failing = false;
    clock = 9999;
    expect(await probe()).toBe(false);
    expect(calls).toBe(2);
    clock = 10_000;
    expect(await probe()).toBe(true);
    expect(calls).toBe(3);
    expect(results).toEqual([true, false, true]);
  });

  it('gives up on a check that does not answer in time, and aborts it', async () => {
    let signal: AbortSignal | undefined;
    const probe = cachedProbe(
      (given) => {
        signal = given;
        return new Promise<void>(() => {});
      },
      { ttlMs: 5000, timeoutMs: 30 },
    );
    expect(await probe()).toBe(false);
    expect(signal?.aborted).toBe(true);
  });
});

describe('/readyz with the S3 binary store (against s3rver)', () => {
  let server: S3TestServer;
  let serverRunning = false;
  let t: TestApp | undefined;
  let down: TestApp | undefined;
  const s3Env = (endpoint: string) => ({
    GUIXU_BINARY_STORE: 's3',
    GUIXU_S3_BUCKET: server.bucket,
    GUIXU_S3_ENDPOINT: endpoint,
    GUIXU_S3_ACCESS_KEY_ID: S3RVER_KEY.accessKeyId,
    GUIXU_S3_SECRET_ACCESS_KEY: S3RVER_KEY.secretAccessKey,
  });

  beforeAll(async () => {
    server = await startS3TestServer();
    serverRunning = true;
  });
  afterAll(async () => {
    await dispose(t);
    await dispose(down);
    if (serverRunning) await server.close();
  });

  it('is ready with binaryStorage ok while the bucket answers, and keeps that answer a few seconds', async () => {
    t = await createTestApp('sqlite', { env: s3Env(server.endpoint) });
    expect(await readyz(t)).toEqual({
      status: 200,
      body: { status: 'ready', checks: { database: 'ok', migrations: 'done', binaryStorage: 'ok' } },
    });
    // The bucket is asked at most every 5 s: a probe right after the server stops still says ok.
    await server.close();
    serverRunning = false;
    expect((await readyz(t)).body.checks.binaryStorage).toBe('ok');
  });

  it('is not ready (503) with binaryStorage unreachable when nothing listens at the endpoint', async () => {
    down = await createTestApp('sqlite', { env: s3Env('http://127.0.0.1:1') });
    const started = Date.now();
    expect(await readyz(down)).toEqual({
      status: 503,
      body: {
        status: 'not_ready',
        checks: { database: 'ok', migrations: 'done', binaryStorage: 'unreachable' },
      },
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('gives up after 3 s and aborts the request when the endpoint accepts connections and never answers', async () => {
    const sockets: Socket[] = [];
    // Reads what it is sent (so it sees the client close the connection) and never answers.
    const silent = createServer((socket) => {
      sockets.push(socket);
      socket.resume();
    }).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const hanging = await createTestApp('sqlite', { env: s3Env(`http://127.0.0.1:${port}`) });
    try {
      const started = Date.now();
      const answer = await readyz(hanging);
      expect(answer.status).toBe(503);
      expect(answer.body.checks.binaryStorage).toBe('unreachable');
      expect(Date.now() - started).toBeLessThan(5000);
      // The request was aborted, not left waiting for the SDK's own timeouts.
      await vi.waitFor(() => expect(sockets.every((socket) => socket.destroyed)).toBe(true));
    } finally {
      await dispose(hanging);
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

describe('/readyz in queue mode (the Redis at 6379)', () => {
  const env = queueEnv({ GUIXU_EXECUTION_WORKERS: '0' });
  let t: TestApp | undefined;
  let down: TestApp | undefined;
  afterAll(async () => {
    await dispose(t);
    await dispose(down);
    await dropQueue(env);
  });

  it('is ready with queue ok once Redis is connected', async () => {
    t = await createTestApp('postgres', { env });
    const app = t;
    await vi.waitFor(async () => expect((await readyz(app)).status).toBe(200), { timeout: 10_000 });
    expect((await readyz(app)).body).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'done', queue: 'ok' },
    });
  });

  it('is not ready (503) with queue unreachable when nothing listens at GUIXU_QUEUE_URL', async () => {
    down = await createTestApp('postgres', {
      env: queueEnv({ GUIXU_EXECUTION_WORKERS: '0', GUIXU_QUEUE_URL: 'redis://127.0.0.1:1' }),
    });
    expect(await readyz(down)).toEqual({
      status: 503,
      body: { status: 'not_ready', checks: { database: 'ok', migrations: 'done', queue: 'unreachable' } },
    });
  });
});
