import { type BinaryRef, type BinaryWriteMeta, GuixuError } from '@guixu/core';
import { fileTypeOf } from './file-type.ts';

/**
 * The ids binary stores hand out: `<prefix><executionId>:<uuid>` (`fs:`, `s3:`).
 * Both parts are checked against strict patterns before a path or key is built,
 * so an id taken from a workflow can never point outside its store.
 */
const EXECUTION_ID = /^[A-Za-z0-9_-]{1,128}$/;
const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface BinaryLocation {
  executionId: string;
  fileId: string;
}

/** `value` read as an id of the store with `prefix` (`kind` names it in the error). */
export function parseBinaryId(value: unknown, prefix: string, kind: string): BinaryLocation {
  const id = typeof value === 'string' ? value : '';
  const invalid = () =>
    typeof value === 'string'
      ? new GuixuError('BINARY_ID_INVALID', `"${id.slice(0, 80)}" is not a valid ${kind} binary id`, {
          details: { id: id.slice(0, 200) },
        })
      : new GuixuError('BINARY_ID_INVALID', 'The binary data reference has no id', {
          description: 'Binary properties must be references to stored files ({ id, mimeType, fileSize }).',
        });
  if (!id.startsWith(prefix)) throw invalid();
  const rest = id.slice(prefix.length);
  const colon = rest.lastIndexOf(':');
  if (colon < 0) throw invalid();
  const executionId = rest.slice(0, colon);
  const fileId = rest.slice(colon + 1);
  if (!EXECUTION_ID.test(executionId) || !FILE_ID.test(fileId)) throw invalid();
  return { executionId, fileId };
}

export function checkBinaryExecutionId(executionId: string): void {
  if (!EXECUTION_ID.test(executionId)) {
    throw new GuixuError(
      'BINARY_EXECUTION_ID_INVALID',
      `Execution id "${executionId.slice(0, 80)}" may only contain letters, digits, "_" and "-"`,
      { audience: 'bug' },
    );
  }
}

/** The reference a store returns for a file it wrote. */
export function binaryRefOf(id: string, meta: BinaryWriteMeta, fileSize: number): BinaryRef {
  const ref: BinaryRef = { id, mimeType: meta.mimeType, fileSize, fileType: fileTypeOf(meta.mimeType) };
  if (meta.fileName) {
    ref.fileName = meta.fileName;
    const dot = meta.fileName.lastIndexOf('.');
    if (dot > 0) ref.fileExtension = meta.fileName.slice(dot + 1).toLowerCase();
  }
  return ref;
}
