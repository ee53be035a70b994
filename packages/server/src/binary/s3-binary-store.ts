import { randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { type BinaryRef, type BinaryStore, type BinaryWriteMeta, GuixuError } from '@guixu/core';
import { binaryRefOf, checkBinaryExecutionId, parseBinaryId } from '@guixu/nodes';
import { s3Error } from './s3-errors.ts';
import type { S3StoreSettings } from './settings.ts';

type Sdk = typeof import('@aws-sdk/client-s3');
type Storage = typeof import('@aws-sdk/lib-storage');
interface Connection {
  sdk: Sdk;
  storage: Storage;
  client: InstanceType<Sdk['S3Client']>;
}

const UNASSIGNED = '_unassigned';
export const S3_ID_PREFIX = 's3:';
/** Streamed writes go up in parts of this size, two at a time: a write holds at most ~16 MB. */
const PART_BYTES = 8 * 1024 * 1024;

export interface S3BinaryMetadata {
  mimeType: string;
  fileName?: string;
  fileSize: number;
}

/**
 * BinaryStore on S3-compatible object storage: one object per file at
 * `<prefix>executions/<executionId>/<uuid>`, its mime type as Content-Type and
 * its file name as object metadata. Ids are `s3:<executionId>:<uuid>`, checked
 * against strict patterns before a key is built. Every process of a cluster
 * that has the same settings reads what another wrote. The SDK loads on first
 * use, so installs that keep files on disk never pay for it.
 */
export class S3BinaryStore implements BinaryStore {
  private connection: Promise<Connection> | undefined;

  constructor(private readonly settings: S3StoreSettings) {}

  /**
   * Fails with a clear error when the bucket is missing, unreachable or refuses
   * the credentials. `signal` stops the request (readiness probes time out).
   */
  async check(options: { signal?: AbortSignal } = {}): Promise<void> {
    const { sdk, client } = await this.connect();
    try {
      await client.send(
        new sdk.HeadBucketCommand({ Bucket: this.settings.bucket }),
        options.signal ? { abortSignal: options.signal } : {},
      );
    } catch (error) {
      throw s3Error(error, this.settings, { action: 'check' });
    }
  }

  async put(data: Uint8Array | AsyncIterable<Uint8Array>, meta: BinaryWriteMeta): Promise<BinaryRef> {
    const executionId = meta.executionId ?? UNASSIGNED;
    checkBinaryExecutionId(executionId);
    const fileId = randomUUID();
    const id = `${S3_ID_PREFIX}${executionId}:${fileId}`;
    const { sdk, storage, client } = await this.connect();
    const object = {
      Bucket: this.settings.bucket,
      Key: this.key(executionId, fileId),
      ContentType: meta.mimeType,
      ...(meta.fileName ? { Metadata: { 'file-name': encodeURIComponent(meta.fileName) } } : {}),
    };
    let fileSize = 0;
    try {
      if (data instanceof Uint8Array) {
        await client.send(
          new sdk.PutObjectCommand({ ...object, Body: data, ContentLength: data.byteLength }),
        );
        fileSize = data.byteLength;
      } else {
        const counted = Readable.from(data, { objectMode: false }).pipe(
          new Transform({
            transform(chunk: Buffer, _encoding, done) {
              fileSize += chunk.byteLength;
              done(null, chunk);
            },
          }),
        );
        const upload = new storage.Upload({
          client,
          params: { ...object, Body: counted },
          partSize: PART_BYTES,
          queueSize: 2,
          leavePartsOnError: false,
        });
        await upload.done();
      }
    } catch (error) {
      // A failing source (a broken download) keeps its own error and code.
      throw s3Error(error, this.settings, { action: 'write', id });
    }
    return binaryRefOf(id, meta, fileSize);
  }

  async get(ref: BinaryRef | string): Promise<Uint8Array> {
    const { id, body } = await this.open(ref);
    try {
      return await body.transformToByteArray();
    } catch (error) {
      throw s3Error(error, this.settings, { action: 'read', id });
    }
  }

  async *stream(ref: BinaryRef | string): AsyncIterable<Uint8Array> {
    const { id, body } = await this.open(ref);
    const chunks = body instanceof Readable ? body : Readable.fromWeb(body.transformToWebStream() as never);
    try {
      for await (const chunk of chunks) if (chunk instanceof Uint8Array) yield chunk;
    } catch (error) {
      throw s3Error(error, this.settings, { action: 'read', id });
    } finally {
      chunks.destroy();
    }
  }

  /** The stored metadata of a file (mime type, name, size). */
  async metadata(ref: BinaryRef | string): Promise<S3BinaryMetadata> {
    const { id, key } = this.locate(ref);
    const { sdk, client } = await this.connect();
    try {
      const head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      const name = head.Metadata?.['file-name'];
      return {
        mimeType: head.ContentType ?? 'application/octet-stream',
        fileSize: head.ContentLength ?? 0,
        ...(name ? { fileName: decodeURIComponent(name) } : {}),
      };
    } catch (error) {
      throw s3Error(error, this.settings, { action: 'read', id });
    }
  }

  async deleteExecution(executionId: string): Promise<void> {
    checkBinaryExecutionId(executionId);
    const { sdk, client } = await this.connect();
    const Bucket = this.settings.bucket;
    const Prefix = `${this.settings.prefix}executions/${executionId}/`;
    try {
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new sdk.ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
        const keys = (page.Contents ?? []).flatMap((entry) => (entry.Key ? [{ Key: entry.Key }] : []));
        if (keys.length > 0) {
          const result = await client.send(
            new sdk.DeleteObjectsCommand({ Bucket, Delete: { Objects: keys, Quiet: true } }),
          );
          const failed = result.Errors?.[0];
          if (failed)
            throw Object.assign(new Error(failed.Message ?? 'delete failed'), { name: failed.Code });
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    } catch (error) {
      throw s3Error(error, this.settings, { action: 'delete' });
    }
  }

  /** Closes the SDK's connections. */
  async close(): Promise<void> {
    if (!this.connection) return;
    const { client } = await this.connection.catch(() => ({ client: undefined }));
    client?.destroy();
  }

  private key(executionId: string, fileId: string): string {
    return `${this.settings.prefix}executions/${executionId}/${fileId}`;
  }

  private locate(ref: BinaryRef | string): { id: string; key: string } {
    // Refs come from item data (pinned data, --input, older run data): they may lack an id.
    const value: unknown = typeof ref === 'string' ? ref : ref?.id;
    const { executionId, fileId } = parseBinaryId(value, S3_ID_PREFIX, 'S3');
    return { id: `${S3_ID_PREFIX}${executionId}:${fileId}`, key: this.key(executionId, fileId) };
  }

  private async open(ref: BinaryRef | string) {
    const { id, key } = this.locate(ref);
    const { sdk, client } = await this.connect();
    try {
      const object = await client.send(new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      if (!object.Body) throw new GuixuError('BINARY_NOT_FOUND', `Binary data ${id} has no content`);
      return { id, body: object.Body };
    } catch (error) {
      throw s3Error(error, this.settings, { action: 'read', id });
    }
  }

  private connect(): Promise<Connection> {
    this.connection ??= (async () => {
      const [sdk, storage] = await Promise.all([
        import('@aws-sdk/client-s3'),
        import('@aws-sdk/lib-storage'),
      ]);
      const { bucket: _bucket, prefix: _prefix, kind: _kind, ...client } = this.settings;
      return {
        sdk,
        storage,
        client: new sdk.S3Client({
          ...client,
          // Checksums only where S3 requires them: many S3-compatible servers reject the newer default ones.
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
          requestHandler: { connectionTimeout: 5000, requestTimeout: 60_000 },
          maxAttempts: 3,
        }),
      };
    })();
    return this.connection;
  }
}
