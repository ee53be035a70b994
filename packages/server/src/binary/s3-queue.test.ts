import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeWorkflow, chain, node } from '../features/webhooks/webhook-test-kit.ts';
import { dropQueue, queueEnv, startTestWorker } from '../queue/testing/queue-test-kit.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { type S3TestServer, S3RVER_KEY, startS3TestServer } from './testing/s3-test-server.ts';

/**
 * Queue mode with binary data in S3 and no shared data directory: the main
 * stores an upload, the worker (a data directory of its own) reads it and
 * writes a file, the main answers the webhook with that file from the bucket.
 */
describe('queue mode with GUIXU_BINARY_STORE=s3 (s3rver, PostgreSQL, Redis)', () => {
  let server: S3TestServer;
  let env: Record<string, string>;
  let main: TestApp;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;

  beforeAll(async () => {
    server = await startS3TestServer();
    env = queueEnv({
      GUIXU_EXECUTION_WORKERS: '0',
      GUIXU_BINARY_STORE: 's3',
      GUIXU_S3_BUCKET: server.bucket,
      GUIXU_S3_ENDPOINT: server.endpoint,
      GUIXU_S3_PREFIX: 'cluster/',
      GUIXU_S3_ACCESS_KEY_ID: S3RVER_KEY.accessKeyId,
      GUIXU_S3_SECRET_ACCESS_KEY: S3RVER_KEY.secretAccessKey,
    });
    main = await createTestApp('postgres', { env });
    worker = await startTestWorker(main.config, env); // its own data directory
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await main?.dispose();
    if (env) await dropQueue(env);
    await server?.close();
  });

  it('answers with a file the worker wrote, read back by the main from the bucket', async () => {
    await activeWorkflow(
      main,
      [
        node('Webhook', 'guixu.webhook', {
          httpMethod: 'POST',
          path: 's3-report',
          responseMode: 'responseNode',
        }),
        node('Report', 'guixu.convertToFile', {
          operation: 'toText',
          sourceProperty: 'body.text',
          options: { fileName: 'report.txt' },
        }),
        node('Respond', 'guixu.respondToWebhook', {
          respondWith: 'binary',
          responseDataSource: 'set',
          inputFieldName: 'data',
        }),
      ],
      chain(['Webhook', 'Report', 'Respond']),
    );
    const response = await main.app.inject({
      method: 'POST',
      url: '/webhook/s3-report',
      payload: { text: 'made on the worker ✓' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toBe('made on the worker ✓');
    expect(String(response.headers['content-type'])).toMatch(/^text\/plain/);
    // The worker ran it, and nothing went to either data directory.
    expect(main.ctx.services.get('executions').activeIds()).toEqual([]);
    expect(existsSync(join(main.config.dataDir, 'binary'))).toBe(false);
    expect(existsSync(join(worker.app.ctx.config.dataDir, 'binary'))).toBe(false);
  }, 120_000);

  it('lets the worker read an upload the main stored', async () => {
    await activeWorkflow(
      main,
      [
        node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path: 's3-size', responseMode: 'lastNode' }),
        node('Read', 'guixu.extractFromFile', { operation: 'text', destinationKey: 'text' }),
      ],
      chain(['Webhook', 'Read']),
    );
    const text = 'uploaded to the main, read on the worker';
    const response = await main.app.inject({
      method: 'POST',
      url: '/webhook/s3-size',
      payload: Buffer.from(text),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ text });
    expect(existsSync(join(worker.app.ctx.config.dataDir, 'binary'))).toBe(false);
  }, 120_000);
});
