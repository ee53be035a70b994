import type { BinaryRef, BinaryStore, BinaryWriteMeta } from '@guixu/core';
import { FsBinaryStore } from '@guixu/nodes';
import { S3BinaryStore } from './s3-binary-store.ts';
import type { BinaryStoreSettings } from './settings.ts';

/** The binary store of a server process (main thread or execution thread), from its settings. */
export interface ServerBinaryStore extends BinaryStore {
  /** Fails with a clear error when the store cannot be used (S3: bucket missing, unreachable, credentials refused). */
  check(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `fs`: the data directory. `s3`: new files go to the bucket; files written
 * before the switch (`fs:` ids) are still read from the data directory, and
 * pruning deletes an execution's files in both.
 */
export function createBinaryStore(
  settings: BinaryStoreSettings | undefined,
  dataDir: string,
): ServerBinaryStore {
  const fs = new FsBinaryStore(dataDir);
  if (!settings || settings.kind === 'fs') {
    return {
      put: (data, meta) => fs.put(data, meta),
      get: (ref) => fs.get(ref),
      stream: (ref) => fs.stream(ref),
      deleteExecution: (executionId) => fs.deleteExecution(executionId),
      check: async () => {},
      close: async () => {},
    };
  }
  const s3 = new S3BinaryStore(settings);
  const storeOf = (ref: BinaryRef | string): BinaryStore => {
    const id: unknown = typeof ref === 'string' ? ref : ref?.id;
    return typeof id === 'string' && id.startsWith('fs:') ? fs : s3;
  };
  return {
    put: (data: Uint8Array | AsyncIterable<Uint8Array>, meta: BinaryWriteMeta) => s3.put(data, meta),
    get: (ref) => storeOf(ref).get(ref),
    stream: (ref) => storeOf(ref).stream(ref),
    async deleteExecution(executionId) {
      await Promise.all([s3.deleteExecution(executionId), fs.deleteExecution(executionId)]);
    },
    check: () => s3.check(),
    close: () => s3.close(),
  };
}
