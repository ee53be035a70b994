import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GuixuError } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { ConfigError } from '../config/errors.ts';
import { feature as binaryStoreFeature } from '../features/binary-store/plugin.ts';
import { ExecutionRepository } from '../features/executions/repository.ts';
import { pruneExecutions } from '../features/executions/retention.ts';
import { activeWorkflow, chain, node } from '../features/webhooks/webhook-test-kit.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { S3BinaryStore } from './s3-binary-store.ts';
import { type S3TestServer, S3RVER_KEY, startS3TestServer } from './testing/s3-test-server.ts';

let server: S3TestServer;
let t: TestApp;

const s3Env = () => ({
  GUIXU_BINARY_STORE: 's3',
  GUIXU_S3_BUCKET: server.bucket,
  GUIXU_S3_ENDPOINT: server.endpoint,
  GUIXU_S3_PREFIX: 'app',
  GUIXU_S3_ACCESS_KEY_ID: S3RVER_KEY.accessKeyId,
  GUIXU_S3_SECRET_ACCESS_KEY: S3RVER_KEY.secretAccessKey,
});

async function keysUnder(prefix: string): Promise<string[]> {
  const client = new S3Client({
    endpoint: server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_KEY,
  });
  try {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: server.bucket, Prefix: prefix }));
    return (listed.Contents ?? []).flatMap((entry) => (entry.Key ? [entry.Key] : []));
  } finally {
    client.destroy();
  }
}

beforeAll(async () => {
  server = await startS3TestServer();
  t = await createTestApp('sqlite', { env: s3Env() });
  await activeWorkflow(
    t,
    [
      node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path: 's3-echo', responseMode: 'responseNode' }),
      node('Respond', 'guixu.respondToWebhook', {
        respondWith: 'binary',
        responseDataSource: 'set',
        inputFieldName: 'data',
      }),
    ],
    chain(['Webhook', 'Respond']),
  );
}, 120_000);

afterAll(async () => {
  await t?.dispose();
  await server?.close();
});

describe('the server with GUIXU_BINARY_STORE=s3 (against s3rver)', () => {
  it('keeps a webhook upload in the bucket, answers it from there, and prunes it with its execution', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 0xab);
    const response = await t.app.inject({
      method: 'POST',
      url: '/webhook/s3-echo',
      payload: bytes,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.equals(bytes)).toBe(true);
    const executionId = String(response.headers['x-execution-id']);
    const keys = await keysUnder(`app/executions/${executionId}/`);
    expect(keys).toHaveLength(1);

    // Another store with the same settings (another process would have one) reads it.
    const settings = loadConfig({ env: { ...s3Env(), GUIXU_DATA_DIR: t.config.dataDir } }).binaryStore;
    if (settings.kind !== 's3') throw new Error('expected the S3 settings');
    const other = new S3BinaryStore(settings);
    const fileId = keys[0].split('/').at(-1);
    expect((await other.metadata(`s3:${executionId}:${fileId}`)).fileSize).toBe(bytes.byteLength);

    await t.ctx.database.db
      .updateTable('executions')
      .set({ created_at: new Date(Date.now() - 30 * 86_400_000).toISOString() })
      .where('id', '=', executionId)
      .execute();
    const repo = new ExecutionRepository(t.ctx.database);
    expect(
      await pruneExecutions(repo, t.ctx.services.get('executions').binary, { maxAgeDays: 14, maxCount: 0 }),
    ).toBe(1);
    expect(await keysUnder(`app/executions/${executionId}/`)).toEqual([]);
    await other.close();
  }, 120_000);

  it('passes the start check on a reachable bucket and stops the start on a missing one', async () => {
    await expect(binaryStoreFeature.start?.(t.ctx)).resolves.toBeUndefined();
    const missing = loadConfig({
      env: { ...s3Env(), GUIXU_S3_BUCKET: 'missing-bucket-x', GUIXU_DATA_DIR: t.config.dataDir },
    });
    const started = binaryStoreFeature.start?.({ ...t.ctx, config: missing });
    await expect(started).rejects.toThrow(GuixuError);
    await expect(started).rejects.toThrow(
      /bucket "missing-bucket-x" at http:\/\/127\.0\.0\.1:\d+ does not exist\. Create the bucket/,
    );
  });
});

describe('S3 settings', () => {
  const load = (env: Record<string, string>) =>
    loadConfig({ env: { GUIXU_DATA_DIR: '/tmp/guixu-none', ...env } });

  it('defaults to the data directory, and to path style with a custom endpoint', () => {
    expect(load({}).binaryStore).toEqual({ kind: 'fs' });
    expect(
      load({
        GUIXU_BINARY_STORE: 's3',
        GUIXU_S3_BUCKET: 'files',
        GUIXU_S3_ENDPOINT: 'http://minio:9000/',
        GUIXU_S3_PREFIX: 'gx',
      }).binaryStore,
    ).toEqual({
      kind: 's3',
      bucket: 'files',
      prefix: 'gx/',
      region: 'us-east-1',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
    });
    expect(
      load({ GUIXU_BINARY_STORE: 's3', GUIXU_S3_BUCKET: 'files', GUIXU_S3_REGION: 'eu-west-1' }).binaryStore,
    ).toEqual({ kind: 's3', bucket: 'files', prefix: '', region: 'eu-west-1', forcePathStyle: false });
  });

  it('names each bad or missing variable and never shows a secret', () => {
    const secret = ' not-shown-secret ';
    const attempt = (env: Record<string, string>) => {
      try {
        load(env);
      } catch (error) {
        if (error instanceof ConfigError) return error;
        throw error;
      }
      throw new Error('expected a ConfigError');
    };
    expect(attempt({ GUIXU_BINARY_STORE: 's3' }).message).toContain(
      'GUIXU_S3_BUCKET: is needed with GUIXU_BINARY_STORE=s3',
    );
    expect(attempt({ GUIXU_BINARY_STORE: 'gcs' }).message).toContain(
      'GUIXU_BINARY_STORE: must be "fs" or "s3"',
    );
    expect(attempt({ GUIXU_BINARY_STORE: 's3', GUIXU_S3_BUCKET: 'Bad_Bucket' }).message).toContain(
      'GUIXU_S3_BUCKET',
    );
    const unpaired = attempt({
      GUIXU_BINARY_STORE: 's3',
      GUIXU_S3_BUCKET: 'files',
      GUIXU_S3_SECRET_ACCESS_KEY: secret,
    });
    expect(unpaired.message).toContain('GUIXU_S3_ACCESS_KEY_ID');
    expect(unpaired.message).not.toContain(secret.trim());
    const badEndpoint = attempt({
      GUIXU_BINARY_STORE: 's3',
      GUIXU_S3_BUCKET: 'files',
      GUIXU_S3_ENDPOINT: 'ftp://x',
    });
    expect(badEndpoint.message).toContain('GUIXU_S3_ENDPOINT: must be an http(s) URL');
  });
});
