import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GuixuError } from '@guixu/core';
import { FsBinaryStore } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../queue/chaos/cluster.ts';
import { createBinaryStore } from './create-binary-store.ts';
import { S3BinaryStore } from './s3-binary-store.ts';
import { type S3TestServer, startS3TestServer } from './testing/s3-test-server.ts';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'testing', 's3-store.child.ts');

let server: S3TestServer;
const stores: S3BinaryStore[] = [];
const dirs: string[] = [];

function store(overrides: Parameters<S3TestServer['settings']>[0] = {}): S3BinaryStore {
  const made = new S3BinaryStore(server.settings(overrides));
  stores.push(made);
  return made;
}

/** `count` chunks of 1 MB, each filled from a seed, as a producer that only makes a chunk when asked. */
async function* megabytes(count: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < count; i++) {
    const chunk = Buffer.alloc(1024 * 1024);
    for (let j = 0; j < chunk.length; j += 4096) chunk.writeUInt32BE((i * 7919 + j) >>> 0, j);
    yield chunk;
  }
}

async function hashOf(
  chunks: AsyncIterable<Uint8Array>,
): Promise<{ sha: string; bytes: number; chunks: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  let count = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    bytes += chunk.byteLength;
    count++;
  }
  return { sha: hash.digest('hex'), bytes, chunks: count };
}

async function failure(promise: Promise<unknown>): Promise<GuixuError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GuixuError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  server = await startS3TestServer();
});

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await server?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// Generous: the first test loads the AWS SDK, slow on a loaded machine.
describe('S3BinaryStore (against s3rver)', { timeout: 90_000 }, () => {
  it('stores bytes with their mime type, file name and size, readable by another store instance', async () => {
    const writer = store();
    const bytes = new TextEncoder().encode('hello, 世界');
    const ref = await writer.put(bytes, {
      mimeType: 'text/plain',
      fileName: 'héllo wörld.TXT',
      executionId: 'exec_1',
    });
    expect(ref).toMatchObject({
      mimeType: 'text/plain',
      fileName: 'héllo wörld.TXT',
      fileExtension: 'txt',
      fileSize: bytes.byteLength,
      fileType: 'text',
    });
    expect(ref.id).toMatch(/^s3:exec_1:[0-9a-f-]{36}$/);

    const reader = store(); // a second client, as another process has
    expect(new TextDecoder().decode(await reader.get(ref))).toBe('hello, 世界');
    expect(await reader.metadata(ref.id)).toEqual({
      mimeType: 'text/plain',
      fileName: 'héllo wörld.TXT',
      fileSize: bytes.byteLength,
    });
  });

  it('streams a 20 MB file in and out (multipart upload, chunked read)', async () => {
    const writer = store();
    const expected = await hashOf(megabytes(20));
    const ref = await writer.put(megabytes(20), {
      mimeType: 'application/octet-stream',
      executionId: 'exec_big',
    });
    expect(ref.fileSize).toBe(20 * 1024 * 1024);

    const read = await hashOf(store().stream(ref));
    expect(read.bytes).toBe(expected.bytes);
    expect(read.sha).toBe(expected.sha);
    // Read as a stream: many chunks, never one 20 MB buffer.
    expect(read.chunks).toBeGreaterThan(20);
  });

  it('shares files with another process that has the same settings (a hardened one, as servers are)', async () => {
    const ref = await store().put(megabytes(9), {
      mimeType: 'application/octet-stream',
      executionId: 'exec_main',
    });
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: {
        ...process.env,
        GUIXU_BINARY_STORE: 's3',
        GUIXU_S3_BUCKET: server.bucket,
        GUIXU_S3_ENDPOINT: server.endpoint,
        GUIXU_S3_PREFIX: 'guixu',
        GUIXU_S3_ACCESS_KEY_ID: 'S3RVER',
        GUIXU_S3_SECRET_ACCESS_KEY: 'S3RVER',
        GUIXU_TEST_READ_ID: ref.id,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, stderr).toBe(0);
    const out: { read: { sha: string; bytes: number }; written: { id: string; fileSize: number } } =
      JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(out.read).toEqual({ sha: (await hashOf(megabytes(9))).sha, bytes: 9 * 1024 * 1024 });
    // And what the child wrote is here, with its metadata.
    expect(out.written.fileSize).toBe(12 * 1024 * 1024);
    expect(await store().metadata(out.written.id)).toEqual({
      mimeType: 'application/zip',
      fileName: 'from-child.zip',
      fileSize: 12 * 1024 * 1024,
    });
  }, 120_000);

  it('keeps every object under the configured prefix and execution', async () => {
    const prefixed = store({ prefix: 'tenant-a/binary/' });
    const ref = await prefixed.put(new Uint8Array([1, 2, 3]), {
      mimeType: 'application/octet-stream',
      executionId: 'exec_p',
    });
    // The same bucket under another prefix does not see it.
    const other = store({ prefix: 'tenant-b/' });
    expect((await failure(other.get(ref))).code).toBe('BINARY_NOT_FOUND');
    expect(Array.from(await store({ prefix: 'tenant-a/binary/' }).get(ref))).toEqual([1, 2, 3]);
  });

  it('deletes an execution’s files on pruning and leaves the others', async () => {
    const s = store();
    const doomed = await Promise.all(
      [1, 2, 3].map((n) =>
        s.put(new Uint8Array([n]), { mimeType: 'application/octet-stream', executionId: 'exec_gone' }),
      ),
    );
    const kept = await s.put(new Uint8Array([9]), {
      mimeType: 'application/octet-stream',
      executionId: 'exec_kept',
    });
    await s.deleteExecution('exec_gone');
    for (const ref of doomed) {
      const error = await failure(s.get(ref));
      expect(error.code).toBe('BINARY_NOT_FOUND');
    }
    expect(Array.from(await s.get(kept))).toEqual([9]);
    await s.deleteExecution('exec_never_wrote'); // nothing there: no error
  });

  it('refuses ids that are not its own before building a key', async () => {
    const s = store();
    for (const id of [
      's3:../x:00000000-0000-0000-0000-000000000000',
      's3:exec:not-a-uuid',
      'fs:exec:x',
      '',
    ]) {
      expect((await failure(s.get(id))).code).toBe('BINARY_ID_INVALID');
    }
    expect(
      (await failure(s.put(new Uint8Array(1), { mimeType: 'x/y', executionId: '../escape' }))).code,
    ).toBe('BINARY_EXECUTION_ID_INVALID');
  });

  it('passes the readiness check on a reachable bucket', async () => {
    await expect(store().check()).resolves.toBeUndefined();
  });

  it('says when the bucket does not exist', async () => {
    const error = await failure(store({ bucket: 'no-such-bucket-here' }).check());
    expect(error.code).toBe('BINARY_STORE_BUCKET_MISSING');
    expect(error.message).toContain('no-such-bucket-here');
  });

  it('says when the credentials are refused, without showing them', async () => {
    const secret = 'very-secret-value-123';
    const wrong = store({ credentials: { accessKeyId: 'UNKNOWNKEY', secretAccessKey: secret } });
    const checked = await failure(wrong.check());
    expect(checked.code).toBe('BINARY_STORE_ACCESS_DENIED');
    const written = await failure(wrong.put(new Uint8Array(1), { mimeType: 'x/y', executionId: 'e1' }));
    expect(written.code).toBe('BINARY_STORE_ACCESS_DENIED');
    for (const error of [checked, written]) {
      expect(JSON.stringify(error.toPlain())).not.toContain(secret);
      expect(error.message).not.toContain(secret);
    }
  });

  it('says when the endpoint cannot be reached', async () => {
    const port = await freePort(); // nothing listens there
    const error = await failure(store({ endpoint: `http://127.0.0.1:${port}` }).check());
    expect(error.code).toBe('BINARY_STORE_UNREACHABLE');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });
});

describe('createBinaryStore', { timeout: 90_000 }, () => {
  it('writes to S3 and still reads and prunes files written to the data directory before the switch', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'guixu-binary-'));
    dirs.push(dataDir);
    const before = await new FsBinaryStore(dataDir).put(new Uint8Array([4, 2]), {
      mimeType: 'application/octet-stream',
      executionId: 'exec_mixed',
    });
    const mixed = createBinaryStore(server.settings(), dataDir);
    const after = await mixed.put(new Uint8Array([7]), {
      mimeType: 'application/octet-stream',
      executionId: 'exec_mixed',
    });
    expect(after.id.startsWith('s3:')).toBe(true);
    expect(Array.from(await mixed.get(before))).toEqual([4, 2]);
    expect(Array.from(await mixed.get(after))).toEqual([7]);
    await mixed.deleteExecution('exec_mixed');
    expect((await failure(mixed.get(before))).code).toBe('BINARY_NOT_FOUND');
    expect((await failure(mixed.get(after))).code).toBe('BINARY_NOT_FOUND');
    await mixed.close();
  });
});
