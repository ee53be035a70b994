import { type BinaryRef, GuixuError, type Item, type NodeRunContext } from '@guixu/core';
import { lookup } from 'mime-types';
import { fileTypeOf } from '../binary/file-type.ts';

/**
 * Reading a named binary property of an item and storing bytes as one, for
 * nodes that move files (SSH, SFTP/FTP, email attachments).
 */

/** The binary property `name` of an item; a missing one is the node's error naming the parameter. */
export function binaryProperty(
  item: Item,
  name: string,
  itemIndex: number,
  parameter = 'binaryPropertyName',
) {
  const ref = item.binary?.[name];
  if (!ref) {
    throw new GuixuError(
      'BINARY_MISSING',
      `This operation expects the node's input data to contain a binary file '${name}', but none was found [item ${itemIndex}]`,
      { parameter, details: { itemIndex } },
    );
  }
  return ref;
}

/** The mime type a file name suggests (application/octet-stream when unknown). */
export function mimeTypeOf(fileName: string): string {
  return lookup(fileName) || 'application/octet-stream';
}

/** Stores bytes of this execution as a binary property value (mime type from the name unless given). */
export async function storeBinary(
  ctx: NodeRunContext<unknown>,
  data: Uint8Array | AsyncIterable<Uint8Array>,
  meta: { fileName?: string; mimeType?: string },
): Promise<BinaryRef> {
  const mimeType = meta.mimeType ?? (meta.fileName ? mimeTypeOf(meta.fileName) : 'application/octet-stream');
  const ref = await ctx.services.binary.put(data, {
    mimeType,
    ...(meta.fileName ? { fileName: meta.fileName } : {}),
    executionId: ctx.execution.id,
  });
  const fileType = ref.fileType ?? fileTypeOf(mimeType);
  return fileType ? { ...ref, fileType } : ref;
}
