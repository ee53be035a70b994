import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBinaryStore } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChain } from '../shared/testing/run-chain.ts';
import readWriteFile from './read-write-file.node.ts';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'guixu-rwf-'));
  root = join(base, 'files');
  await mkdir(join(root, 'reports'), { recursive: true });
  await writeFile(join(root, 'reports', 'a.csv'), 'x,y\n1,2\n');
  await writeFile(join(root, 'reports', 'b.csv'), 'x,y\n3,4\n');
  await writeFile(join(root, 'notes.txt'), 'hello');
  await writeFile(join(base, 'secret.txt'), 'outside');
  await symlink(join(base, 'secret.txt'), join(root, 'link.txt'));
  await symlink(base, join(root, 'escape'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const run = (parameters: Record<string, unknown>, extra: Parameters<typeof runChain>[0] = { steps: [] }) =>
  runChain({
    ...extra,
    steps: [{ definition: readWriteFile, parameters, name: 'Files' }],
    services: { filesDir: root },
  });

describe('Read/Write Files from Disk', () => {
  it('reads the files a glob matches, as binary data with their names', async () => {
    const result = await run({ fileSelector: 'reports/*.csv' });
    expect(result.status).toBe('success');
    expect(result.output).toEqual([
      { fileName: 'a.csv', fileExtension: 'csv', mimeType: 'text/csv', fileType: 'text', fileSize: '8 B' },
      expect.objectContaining({ fileName: 'b.csv' }),
    ]);
    const ref = result.items[1].binary?.data;
    expect(ref && new TextDecoder().decode(await result.binary.get(ref))).toBe('x,y\n3,4\n');
  });

  it('writes binary data (append too) and reads it back', async () => {
    const binary = new MemoryBinaryStore();
    const ref = await binary.put(new TextEncoder().encode('line\n'), {
      mimeType: 'text/plain',
      fileName: 'x.txt',
    });
    const write = { operation: 'write', fileName: 'out/new.txt', dataPropertyName: 'file' };
    const first = await run(write, {
      steps: [],
      binary,
      inputItems: [{ json: { a: 1 }, binary: { file: ref } }],
    });
    expect(first.status).toBe('success');
    expect(first.output).toEqual([{ a: 1, fileName: 'out/new.txt' }]);
    await run(
      { ...write, options: { append: true } },
      { steps: [], binary, inputItems: [{ json: {}, binary: { file: ref } }] },
    );
    expect(await readFile(join(root, 'out', 'new.txt'), 'utf8')).toBe('line\nline\n');
  });

  it('refuses paths outside the files directory: .., absolute, symbolic links', async () => {
    for (const fileSelector of ['../secret.txt', join(base, 'secret.txt'), 'link.txt', 'escape/secret.txt']) {
      const result = await run({ fileSelector });
      expect(result.status).toBe('error');
      expect(result.error?.code).toBe('FILE_PATH_NOT_ALLOWED');
      expect(result.error?.message).toContain('outside the files directory');
    }
    // A glob does not follow the link out either.
    const globbed = await run({ fileSelector: 'escape/*.txt' });
    expect(globbed.output).toEqual([]);
    const binary = new MemoryBinaryStore();
    const ref = await binary.put(new TextEncoder().encode('x'), { mimeType: 'text/plain' });
    for (const fileName of ['../evil.txt', 'escape/evil.txt', 'link.txt']) {
      const result = await run(
        { operation: 'write', fileName },
        { steps: [], binary, inputItems: [{ json: {}, binary: { data: ref } }] },
      );
      expect(result.error?.code).toBe('FILE_PATH_NOT_ALLOWED');
    }
    expect(await readFile(join(base, 'secret.txt'), 'utf8')).toBe('outside');
  });

  it('an absolute path inside the directory is fine; a missing file is a clear error', async () => {
    const ok = await run({ fileSelector: join(root, 'notes.txt') });
    expect(ok.output[0]).toMatchObject({ fileName: 'notes.txt', fileSize: '5 B' });
    const missing = await run({ fileSelector: 'nope.txt' });
    expect(missing.error?.code).toBe('FILE_NOT_FOUND');
    const noBinary = await run({ operation: 'write', fileName: 'x.txt' });
    expect(noBinary.error?.code).toBe('BINARY_MISSING');
  });
});
