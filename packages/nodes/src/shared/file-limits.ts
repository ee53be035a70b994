import { type BinaryRef, GuixuError, type NodeRunContext } from '@guixu/core';

/**
 * Size limit of the file and format nodes (Extract from File, HTML, XML,
 * Compression, Markdown…): they hold a file in memory to parse it, so a file
 * (or what an archive expands to) over the limit is refused with a clear error
 * instead of exhausting the server. `GUIXU_FILE_NODES_MAX_MB` (default 256), or
 * a host service `fileNodesMaxBytes`.
 */
export const FILE_LIMIT_SERVICE = 'fileNodesMaxBytes';
const DEFAULT_MAX_MB = 256;

export function maxFileBytes(ctx: Pick<NodeRunContext<unknown>, 'services'>): number {
  const fromHost = ctx.services[FILE_LIMIT_SERVICE];
  if (typeof fromHost === 'number' && fromHost > 0) return fromHost;
  const mb = Number(process.env.GUIXU_FILE_NODES_MAX_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_MB) * 1024 * 1024;
}

export function tooLarge(what: string, limit: number, parameter?: string, itemIndex?: number): GuixuError {
  return new GuixuError(
    'FILE_TOO_LARGE',
    `${what} is larger than the limit of ${formatBytes(limit)}${itemIndex === undefined ? '' : ` [item ${itemIndex}]`}`,
    {
      ...(parameter ? { parameter } : {}),
      ...(itemIndex === undefined ? {} : { details: { itemIndex } }),
      description: 'Raise GUIXU_FILE_NODES_MAX_MB on the server, or split the file.',
    },
  );
}

/** The bytes of a binary file, refused when over the limit (checked before and while reading). */
export async function readLimited(
  ctx: Pick<NodeRunContext<unknown>, 'services'>,
  ref: BinaryRef,
  itemIndex: number,
  parameter = 'binaryPropertyName',
): Promise<Uint8Array> {
  const limit = maxFileBytes(ctx);
  const name = `The file "${ref.fileName ?? 'data'}"`;
  if (ref.fileSize > limit) throw tooLarge(name, limit, parameter, itemIndex);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of ctx.services.binary.stream(ref)) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge(name, limit, parameter, itemIndex);
    chunks.push(chunk);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Text the format nodes get as a parameter, refused when over the limit. */
export function checkTextSize(
  ctx: Pick<NodeRunContext<unknown>, 'services'>,
  text: string,
  parameter: string,
  itemIndex: number,
): void {
  const limit = maxFileBytes(ctx);
  if (text.length > limit) throw tooLarge(`The text of "${parameter}"`, limit, parameter, itemIndex);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

/** A parser's failure on a user's file: a node error naming the file and the format. */
export function invalidFile(
  format: string,
  ref: Pick<BinaryRef, 'fileName'> | undefined,
  error: unknown,
  itemIndex: number,
  parameter = 'binaryPropertyName',
): GuixuError {
  if (error instanceof GuixuError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const file = ref?.fileName ? `"${ref.fileName}"` : 'The file';
  return new GuixuError(
    'FILE_INVALID',
    `${file} could not be read as ${format}: ${reason} [item ${itemIndex}]`,
    {
      parameter,
      cause: error,
      details: { itemIndex },
      description: `Check that the file really is ${format} and is not damaged.`,
    },
  );
}
