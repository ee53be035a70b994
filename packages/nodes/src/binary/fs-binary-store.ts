import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type BinaryRef, type BinaryStore, type BinaryWriteMeta, GuixuError } from '@guixu/core';
import { z } from 'zod';
import { binaryRefOf, checkBinaryExecutionId, parseBinaryId } from './binary-id.ts';

/** Binary data written without an execution (CLI previews, credential tests) lands here. */
const UNASSIGNED = '_unassigned';
const ID_PREFIX = 'fs:';

const metadataSchema = z.object({
  mimeType: z.string(),
  fileName: z.string().optional(),
  fileSize: z.number().int().nonnegative(),
  createdAt: z.string(),
});
export type FsBinaryMetadata = z.infer<typeof metadataSchema>;

/**
 * BinaryStore on the local file system: `<dataDir>/binary/<executionId>/<uuid>`
 * with `<uuid>.meta.json` beside it. Ids are `fs:<executionId>:<uuid>` and are
 * checked against strict patterns before any path is built, so an id taken from
 * a workflow can never point outside the store.
 */
export class FsBinaryStore implements BinaryStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'binary');
  }

  async put(data: Uint8Array | AsyncIterable<Uint8Array>, meta: BinaryWriteMeta): Promise<BinaryRef> {
    const executionId = meta.executionId ?? UNASSIGNED;
    checkBinaryExecutionId(executionId);
    const fileId = randomUUID();
    const dir = join(this.root, executionId);
    await mkdir(dir, { recursive: true });
    const target = join(dir, fileId);
    const partial = `${target}.part`;
    let fileSize = 0;
    try {
      if (data instanceof Uint8Array) {
        await writeFile(partial, data);
        fileSize = data.byteLength;
      } else {
        const counter = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            fileSize += chunk.byteLength;
            done(null, chunk);
          },
        });
        await pipeline(Readable.from(data, { objectMode: false }), counter, createWriteStream(partial));
      }
      const metadata: FsBinaryMetadata = {
        mimeType: meta.mimeType,
        fileSize,
        createdAt: new Date().toISOString(),
      };
      if (meta.fileName) metadata.fileName = meta.fileName;
      await writeFile(`${target}.meta.json`, JSON.stringify(metadata));
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      await rm(`${target}.meta.json`, { force: true });
      // A failing source (a broken download) keeps its own error and code.
      if (error instanceof GuixuError) throw error;
      throw new GuixuError('BINARY_WRITE_FAILED', `Could not store binary data: ${messageOf(error)}`, {
        cause: error,
        audience: 'operator',
      });
    }
    return binaryRefOf(`${ID_PREFIX}${executionId}:${fileId}`, meta, fileSize);
  }

  async get(ref: BinaryRef | string): Promise<Uint8Array> {
    const path = await this.existingPath(ref);
    return new Uint8Array(await readFile(path));
  }

  async *stream(ref: BinaryRef | string): AsyncIterable<Uint8Array> {
    const path = await this.existingPath(ref);
    for await (const chunk of createReadStream(path)) {
      if (chunk instanceof Uint8Array) yield chunk;
    }
  }

  /** The stored metadata of a file (mime type, name, size). */
  async metadata(ref: BinaryRef | string): Promise<FsBinaryMetadata> {
    const path = await this.existingPath(ref);
    const raw: unknown = JSON.parse(await readFile(`${path}.meta.json`, 'utf8'));
    return metadataSchema.parse(raw);
  }

  async deleteExecution(executionId: string): Promise<void> {
    checkBinaryExecutionId(executionId);
    await rm(join(this.root, executionId), { recursive: true, force: true });
  }

  private async existingPath(ref: BinaryRef | string): Promise<string> {
    // Refs come from item data (pinned data, --input, older run data): they may lack an id.
    const id: unknown = typeof ref === 'string' ? ref : ref?.id;
    const { executionId, fileId } = parseBinaryId(id, ID_PREFIX, 'file-system');
    const path = join(this.root, executionId, fileId);
    try {
      await stat(path);
    } catch {
      throw new GuixuError('BINARY_NOT_FOUND', `Binary data ${id} was not found (it may have been pruned)`, {
        details: { id },
      });
    }
    return path;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
