import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3StoreSettings } from '../settings.ts';

/** The access key s3rver knows (it checks the key id; it does not verify SigV4 signatures). */
export const S3RVER_KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3TestServer {
  endpoint: string;
  /** A bucket made for this server. */
  bucket: string;
  settings(overrides?: Partial<S3StoreSettings>): S3StoreSettings;
  close(): Promise<void>;
}

/** s3rver in this process on a free port, its files in a temporary directory. */
export async function startS3TestServer(): Promise<S3TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'guixu-s3-'));
  const bucket = `guixu-test-${randomBytes(4).toString('hex')}`;
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    settings: (overrides = {}) => ({
      kind: 's3',
      bucket,
      prefix: 'guixu/',
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: { ...S3RVER_KEY },
      ...overrides,
    }),
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
