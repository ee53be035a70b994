import type { BinaryRef, BinaryStore, BinaryWriteMeta } from '@guixu/core';

export interface TrackedBinaryStore extends BinaryStore {
  /** Whether anything was stored for this execution since the process started. */
  wrote(executionId: string): boolean;
  /** Another thread of this process stored data for this execution. */
  noteWrite(executionId: string): void;
  /** Deletes an execution's data if this process stored any (cheap for the many that stored none). */
  deleteIfWritten(executionId: string): Promise<void>;
}

/**
 * Remembers which executions stored binary data, so an unsaved successful run
 * ("errors only"/"none") deletes its files without an fs call for every run.
 */
export function trackBinaryWrites(store: BinaryStore): TrackedBinaryStore {
  const written = new Set<string>();
  return {
    put(data: Uint8Array | AsyncIterable<Uint8Array>, meta: BinaryWriteMeta): Promise<BinaryRef> {
      if (meta.executionId) written.add(meta.executionId);
      return store.put(data, meta);
    },
    get: (ref) => store.get(ref),
    stream: (ref) => store.stream(ref),
    async deleteExecution(executionId) {
      written.delete(executionId);
      await store.deleteExecution(executionId);
    },
    wrote: (executionId) => written.has(executionId),
    noteWrite: (executionId) => {
      written.add(executionId);
    },
    async deleteIfWritten(executionId) {
      if (!written.has(executionId)) return;
      written.delete(executionId);
      await store.deleteExecution(executionId);
    },
  };
}
