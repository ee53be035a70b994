import { randomBytes } from 'node:crypto';
import type { BinaryStore } from '@guixu/core';
import { encodeQuery } from './query-string.ts';
import type { BodySpec, MultipartPart } from './request-spec.ts';
import type { RequestBody } from './transport.ts';

/** A body ready for the transport, with the content type it implies. */
export interface EncodedBody {
  body: RequestBody;
  contentType?: string;
}

export function encodeBody(spec: BodySpec, binary: BinaryStore): EncodedBody {
  switch (spec.type) {
    case 'json':
      return { body: bytes(JSON.stringify(spec.value ?? {})), contentType: 'application/json' };
    case 'form':
      // Forms repeat a name for each value, as browsers do.
      return {
        body: bytes(encodeQuery(spec.fields, 'repeat')),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 'raw':
      return { body: bytes(spec.text), contentType: spec.contentType || undefined };
    case 'binary':
      return {
        body: { kind: 'stream', open: () => binary.stream(spec.file), length: spec.file.fileSize },
        contentType: spec.file.mimeType || 'application/octet-stream',
      };
    case 'multipart': {
      const boundary = `----GuixuFormBoundary${randomBytes(12).toString('hex')}`;
      return {
        body: { kind: 'stream', open: () => multipart(spec.parts, boundary, binary) },
        contentType: `multipart/form-data; boundary=${boundary}`,
      };
    }
  }
}

function bytes(text: string): RequestBody {
  return { kind: 'bytes', data: Buffer.from(text, 'utf8') };
}

function quoted(value: string): string {
  return value.replace(/[\r\n]/g, ' ').replace(/"/g, '%22');
}

async function* multipart(
  parts: MultipartPart[],
  boundary: string,
  binary: BinaryStore,
): AsyncIterable<Uint8Array> {
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"`;
    if ('file' in part) {
      head += `; filename="${quoted(part.file.fileName ?? 'file')}"\r\n`;
      head += `Content-Type: ${part.file.mimeType || 'application/octet-stream'}\r\n\r\n`;
      yield Buffer.from(head);
      yield* binary.stream(part.file);
    } else {
      yield Buffer.from(`${head}\r\n\r\n${part.value}`);
    }
    yield Buffer.from('\r\n');
  }
  yield Buffer.from(`--${boundary}--\r\n`);
}
