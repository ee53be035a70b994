import { readFile, stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import mime from 'mime-types';

export interface StaticFile {
  body: Buffer;
  /** Present when compressing paid off. */
  gzip?: Buffer;
  type: string;
}

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|manifest\+json)|image\/svg\+xml)/;

/**
 * The built app's files. Hashed assets are read once and kept in memory with
 * their gzip form (the build is a few megabytes and a hashed name never
 * changes); the few other files are read per request.
 */
export class StaticFiles {
  private readonly cache = new Map<string, Promise<StaticFile | undefined>>();

  constructor(private readonly root: string) {}

  /** `relative` is the URL path without its leading slash; anything leaving the root is absent. */
  get(relative: string): Promise<StaticFile | undefined> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(relative);
    } catch {
      return Promise.resolve(undefined);
    }
    if (decoded.includes('\0')) return Promise.resolve(undefined);
    const path = normalize(join(this.root, decoded));
    if (!path.startsWith(this.root.endsWith(sep) ? this.root : this.root + sep)) {
      return Promise.resolve(undefined);
    }
    // Hashed assets never change; everything else (index.html) is read again so a rebuild shows at once.
    if (!decoded.startsWith('assets/')) return load(path);
    let entry = this.cache.get(path);
    if (entry === undefined) {
      entry = load(path);
      this.cache.set(path, entry);
    }
    return entry;
  }
}

async function load(path: string): Promise<StaticFile | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile()) return undefined;
  const body = await readFile(path);
  const type = mime.contentType(path.split(sep).pop() ?? '') || 'application/octet-stream';
  if (!COMPRESSIBLE.test(type) || body.length < 1024) return { body, type };
  const gzip = gzipSync(body, { level: 9 });
  return gzip.length < body.length ? { body, type, gzip } : { body, type };
}
