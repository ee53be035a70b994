import { Gunzip, gzipSync, Unzip, UnzipInflate, zipSync } from 'fflate';

/**
 * Zip and gzip with fflate. Expanding counts the bytes as they come out and
 * stops past the limit (a zip bomb never reaches memory in full), whatever the
 * archive's directory claims.
 */
export class ArchiveLimitError extends Error {}

export interface ExpandedFile {
  name: string;
  bytes: Uint8Array;
}

const MAX_ENTRIES = 10_000;
const CHUNK = 64 * 1024;

export function zip(files: ExpandedFile[]): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) {
    let name = file.name;
    for (let n = 1; name in entries; n++) name = file.name.replace(/(\.[^.]*)?$/, (ext) => `-${n}${ext}`);
    entries[name] = file.bytes;
  }
  return zipSync(entries, { level: 6 });
}

export function gzip(bytes: Uint8Array): Uint8Array {
  return gzipSync(bytes, { level: 6 });
}

export function unzip(bytes: Uint8Array, limit: number): ExpandedFile[] {
  const files: { name: string; chunks: Uint8Array[] }[] = [];
  let total = 0;
  let failure: Error | undefined;
  const unzipper = new Unzip((file) => {
    if (failure) return;
    if (files.length >= MAX_ENTRIES) {
      failure = new ArchiveLimitError(`the archive has more than ${MAX_ENTRIES} files`);
      return;
    }
    if (file.name.endsWith('/') || file.name.includes('__MACOSX')) return;
    const entry = { name: file.name, chunks: [] as Uint8Array[] };
    files.push(entry);
    file.ondata = (error, chunk) => {
      if (failure) return;
      if (error) {
        failure = error;
        return;
      }
      total += chunk.byteLength;
      if (total > limit) {
        failure = new ArchiveLimitError('expanded');
        file.terminate();
        return;
      }
      entry.chunks.push(chunk);
    };
    file.start();
  });
  unzipper.register(UnzipInflate);
  for (let offset = 0; offset < bytes.length && !failure; offset += CHUNK) {
    unzipper.push(bytes.subarray(offset, offset + CHUNK), offset + CHUNK >= bytes.length);
  }
  if (failure) throw failure;
  if (files.length === 0 && bytes.length > 0 && !isZipHeader(bytes)) throw new Error('not a zip archive');
  return files.map((file) => ({ name: file.name, bytes: concat(file.chunks) }));
}

export function gunzip(bytes: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let failure: Error | undefined;
  const stream = new Gunzip((chunk) => {
    if (failure) return;
    total += chunk.byteLength;
    if (total > limit) {
      failure = new ArchiveLimitError('expanded');
      return;
    }
    chunks.push(chunk);
  });
  for (let offset = 0; offset < bytes.length && !failure; offset += CHUNK) {
    stream.push(bytes.subarray(offset, offset + CHUNK), offset + CHUNK >= bytes.length);
  }
  if (failure) throw failure;
  return concat(chunks);
}

function isZipHeader(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
