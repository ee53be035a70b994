/**
 * Run by s3-binary-store.test.ts as another process: hardened like a server
 * process (frozen intrinsics, before the AWS SDK loads), it reads the file the
 * test wrote (GUIXU_TEST_READ_ID), writes one of its own for the test to read,
 * and prints one JSON line. The store comes from GUIXU_* variables, as in a server.
 */
import { createHash } from 'node:crypto';
import { parseEnvSection } from '../../config/errors.ts';
import { hardenProcess } from '../../harden-process.ts';
import { createBinaryStore } from '../create-binary-store.ts';
import { binaryStoreSettingsFrom, binaryStoreSettingsSchema } from '../settings.ts';

hardenProcess();
const settings = binaryStoreSettingsFrom(parseEnvSection(binaryStoreSettingsSchema, process.env));
const store = createBinaryStore(settings, process.env.GUIXU_DATA_DIR ?? '/nonexistent');
await store.check();
const hash = createHash('sha256');
let bytes = 0;
for await (const chunk of store.stream(process.env.GUIXU_TEST_READ_ID ?? '')) {
  hash.update(chunk);
  bytes += chunk.byteLength;
}
async function* produce(): AsyncIterable<Uint8Array> {
  for (let i = 0; i < 12; i++) yield Buffer.alloc(1024 * 1024, i);
}
const written = await store.put(produce(), {
  mimeType: 'application/zip',
  fileName: 'from-child.zip',
  executionId: 'exec_child',
});
await store.close();
process.stdout.write(`${JSON.stringify({ read: { sha: hash.digest('hex'), bytes }, written })}\n`);
