import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GuixuError, toPlainError } from '@guixu/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBinaryStore } from './fs-binary-store.ts';

let dataDir: string;
let store: FsBinaryStore;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'guixu-binary-'));
  store = new FsBinaryStore(dataDir);
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return toPlainError(error);
  }
  throw new Error('expected a failure');
}

describe('FsBinaryStore', () => {
  it('stores bytes under <dataDir>/binary/<executionId>/ with metadata beside them', async () => {
    const ref = await store.put(new TextEncoder().encode('hello'), {
      mimeType: 'text/plain',
      fileName: 'greeting.TXT',
      executionId: 'exec-1',
    });
    expect(ref).toMatchObject({
      mimeType: 'text/plain',
      fileName: 'greeting.TXT',
      fileExtension: 'txt',
      fileSize: 5,
      fileType: 'text',
    });
    expect(ref.id).toMatch(/^fs:exec-1:[0-9a-f-]{36}$/);
    const files = await readdir(join(dataDir, 'binary', 'exec-1'));
    const uuid = ref.id.split(':')[2];
    expect(files.sort()).toEqual([uuid, `${uuid}.meta.json`].sort());
    const meta = JSON.parse(await readFile(join(dataDir, 'binary', 'exec-1', `${uuid}.meta.json`), 'utf8'));
    expect(meta).toMatchObject({ mimeType: 'text/plain', fileName: 'greeting.TXT', fileSize: 5 });
    expect(Buffer.from(await store.get(ref)).toString()).toBe('hello');
    expect((await collect(store.stream(ref.id))).toString()).toBe('hello');
    expect(await store.metadata(ref)).toMatchObject({ mimeType: 'text/plain', fileSize: 5 });
  });

  it('writes an async iterable chunk by chunk and counts its size', async () => {
    let produced = 0;
    async function* chunks() {
      for (let i = 0; i < 64; i++) {
        produced++;
        yield new Uint8Array(16 * 1024).fill(i);
      }
    }
    const ref = await store.put(chunks(), { mimeType: 'application/octet-stream', executionId: 'big' });
    expect(produced).toBe(64);
    expect(ref.fileSize).toBe(64 * 16 * 1024);
    const bytes = await collect(store.stream(ref));
    expect(bytes.length).toBe(64 * 16 * 1024);
    expect(bytes[16 * 1024 * 10]).toBe(10);
  });

  it('leaves no partial file when the source fails mid-way', async () => {
    async function* failing() {
      yield new Uint8Array([1, 2, 3]);
      throw new Error('source broke');
    }
    const error = await errorOf(store.put(failing(), { mimeType: 'text/plain', executionId: 'broken' }));
    expect(error.code).toBe('BINARY_WRITE_FAILED');
    expect(error.message).toContain('source broke');
    expect(await readdir(join(dataDir, 'binary', 'broken'))).toEqual([]);
  });

  it("passes on a source's own GuixuError", async () => {
    async function* download() {
      yield new Uint8Array([1]);
      throw new GuixuError('HTTP_CONNECTION_RESET', 'connection closed');
    }
    const error = await errorOf(store.put(download(), { mimeType: 'text/plain', executionId: 'dl' }));
    expect(error.code).toBe('HTTP_CONNECTION_RESET');
    expect(await readdir(join(dataDir, 'binary', 'dl'))).toEqual([]);
  });

  it('groups data without an execution id in one folder', async () => {
    const ref = await store.put(new Uint8Array([1]), { mimeType: 'image/png' });
    expect(ref.id.startsWith('fs:_unassigned:')).toBe(true);
    expect(ref.fileType).toBe('image');
  });

  it('deletes all data of one execution and nothing else', async () => {
    const a = await store.put(new Uint8Array([1]), { mimeType: 'text/plain', executionId: 'a' });
    const b = await store.put(new Uint8Array([2]), { mimeType: 'text/plain', executionId: 'b' });
    await store.deleteExecution('a');
    expect((await errorOf(store.get(a))).code).toBe('BINARY_NOT_FOUND');
    expect(Array.from(await store.get(b))).toEqual([2]);
  });

  it('rejects ids that could escape the store', async () => {
    for (const id of [
      'fs:../../etc:passwd',
      'fs:a/../b:00000000-0000-0000-0000-000000000000',
      'fs:a:../../secret',
      'mem:x:1',
      'fs:..:00000000-0000-0000-0000-000000000000',
      '/etc/passwd',
    ]) {
      expect((await errorOf(store.get(id))).code).toBe('BINARY_ID_INVALID');
    }
    // A reference without an id (inline n8n binary in pinned data, say) is a clear error too.
    const noId = JSON.parse('{"mimeType":"text/plain","data":"aGVsbG8="}');
    expect(await errorOf(store.get(noId))).toMatchObject({
      code: 'BINARY_ID_INVALID',
      message: 'The binary data reference has no id',
    });
    expect((await errorOf(store.get(JSON.parse('null')))).code).toBe('BINARY_ID_INVALID');
    expect((await errorOf(store.deleteExecution('../..'))).code).toBe('BINARY_EXECUTION_ID_INVALID');
    expect(
      (await errorOf(store.put(new Uint8Array(), { mimeType: 'text/plain', executionId: '../x' }))).code,
    ).toBe('BINARY_EXECUTION_ID_INVALID');
  });

  it('reports a well-formed but unknown id as not found', async () => {
    const error = await errorOf(store.get('fs:exec:00000000-0000-0000-0000-000000000000'));
    expect(error.code).toBe('BINARY_NOT_FOUND');
    expect(error.message).toContain('was not found');
  });
});
