import type { BinaryRef } from './items.ts';
import type { BinaryStore, BinaryWriteMeta } from './ports.ts';

/** In-memory BinaryStore for tests and short CLI runs. */
export class MemoryBinaryStore implements BinaryStore {
  private readonly blobs = new Map<string, { data: Uint8Array; executionId?: string }>();
  private counter = 0;

  async put(data: Uint8Array | AsyncIterable<Uint8Array>, meta: BinaryWriteMeta): Promise<BinaryRef> {
    const bytes = data instanceof Uint8Array ? data : await collect(data);
    const id = `mem:${meta.executionId ?? 'none'}:${++this.counter}`;
    this.blobs.set(id, { data: bytes, executionId: meta.executionId });
    const ref: BinaryRef = { id, mimeType: meta.mimeType, fileSize: bytes.byteLength };
    if (meta.fileName) {
      ref.fileName = meta.fileName;
      const dot = meta.fileName.lastIndexOf('.');
      if (dot > 0) ref.fileExtension = meta.fileName.slice(dot + 1);
    }
    return ref;
  }

  async get(ref: BinaryRef | string): Promise<Uint8Array> {
    const id = typeof ref === 'string' ? ref : ref.id;
    const found = this.blobs.get(id);
    if (!found) throw new Error(`Binary data ${id} not found`);
    return found.data;
  }

  async *stream(ref: BinaryRef | string): AsyncIterable<Uint8Array> {
    yield await this.get(ref);
  }

  async deleteExecution(executionId: string): Promise<void> {
    for (const [id, blob] of this.blobs) if (blob.executionId === executionId) this.blobs.delete(id);
  }
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    size += chunk.byteLength;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
