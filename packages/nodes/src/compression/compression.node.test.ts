import { MemoryBinaryStore } from '@guixu/core';
import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runChain } from '../shared/testing/run-chain.ts';
import compression from './compression.node.ts';

async function input(files: Record<string, { bytes: Uint8Array; name: string }>) {
  const binary = new MemoryBinaryStore();
  const refs = Object.fromEntries(
    await Promise.all(
      Object.entries(files).map(
        async ([key, file]) =>
          [
            key,
            await binary.put(file.bytes, { mimeType: 'application/octet-stream', fileName: file.name }),
          ] as const,
      ),
    ),
  );
  return { binary, inputItems: [{ json: { id: 1 }, binary: refs }] };
}
const text = (s: string) => new TextEncoder().encode(s);

describe('Compression', () => {
  it('zips several binary properties and unzips them again', async () => {
    const result = await runChain({
      ...(await input({
        a: { bytes: text('alpha'), name: 'a.txt' },
        b: { bytes: text('beta'), name: 'b.txt' },
      })),
      steps: [
        {
          definition: compression,
          parameters: { operation: 'compress', binaryPropertyName: 'a, b', fileName: 'both.zip' },
          name: 'Zip',
        },
        { definition: compression, parameters: { operation: 'decompress' }, name: 'Unzip' },
      ],
    });
    expect(result.status).toBe('success');
    expect(result.runData.Zip?.[0]?.data?.main[0]?.[0]?.binary?.data).toMatchObject({
      fileName: 'both.zip',
      mimeType: 'application/zip',
    });
    expect(result.output).toEqual([{ id: 1 }]);
    const files = result.items[0].binary ?? {};
    expect(Object.keys(files)).toEqual(['file_0', 'file_1']);
    expect(files.file_0.fileName).toBe('a.txt');
    expect(new TextDecoder().decode(await result.binary.get(files.file_1))).toBe('beta');
  });

  it('gzips each property and gunzips it', async () => {
    const result = await runChain({
      ...(await input({ data: { bytes: text('x'.repeat(1000)), name: 'log.txt' } })),
      steps: [
        {
          definition: compression,
          parameters: { operation: 'compress', outputFormat: 'gzip', outputPrefix: 'gz_' },
        },
        { definition: compression, parameters: { operation: 'decompress', binaryPropertyName: 'gz_0' } },
      ],
    });
    const out = result.items[0].binary?.file_0;
    expect(out?.fileName).toBe('log.txt');
    expect(out && new TextDecoder().decode(await result.binary.get(out))).toBe('x'.repeat(1000));
  });

  it('stops a zip bomb and a gzip bomb at the size limit; junk is a clear error', async () => {
    const zeros = new Uint8Array(5_000_000);
    const services = { fileNodesMaxBytes: 1_000_000 };
    for (const bytes of [zipSync({ 'big.bin': zeros }), gzipSync(zeros)]) {
      const result = await runChain({
        ...(await input({ data: { bytes, name: 'bomb' } })),
        services,
        steps: [{ definition: compression, parameters: { operation: 'decompress' }, name: 'Unpack' }],
      });
      expect(bytes.byteLength).toBeLessThan(1_000_000);
      expect(result.error).toMatchObject({ code: 'FILE_TOO_LARGE', node: 'Unpack' });
      expect(result.error?.message).toContain('expands past the limit of 976.6 KB');
    }
    const junk = await runChain({
      ...(await input({ data: { bytes: text('not an archive'), name: 'x.zip' } })),
      steps: [{ definition: compression, parameters: { operation: 'decompress' } }],
    });
    expect(junk.error?.code).toBe('FILE_INVALID');
    const truncated = zipSync({ 'a.txt': text('hello '.repeat(100)) }).subarray(0, 40);
    const cut = await runChain({
      ...(await input({ data: { bytes: truncated, name: 'cut.zip' } })),
      steps: [{ definition: compression, parameters: { operation: 'decompress' } }],
    });
    expect(cut.status).toBe('error');
    expect(['FILE_INVALID']).toContain(cut.error?.code);
  });
});
