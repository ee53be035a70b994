import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type BinaryRef, GuixuError, type NodeRunContext } from '@guixu/core';
import { checkReal, confine } from './files-dir.ts';

/** Streams a binary file to `path` inside the root; never follows a symbolic link at the target. */
export async function writeFile(
  ctx: NodeRunContext<unknown>,
  options: { root: string; path: string; ref: BinaryRef; append: boolean; itemIndex: number },
): Promise<void> {
  const { root, itemIndex } = options;
  const parameter = 'fileName';
  const full = confine(root, options.path, parameter, itemIndex);
  await checkReal(root, dirname(full), options.path, parameter, itemIndex);
  await mkdir(dirname(full), { recursive: true });
  await checkReal(root, dirname(full), options.path, parameter, itemIndex);
  const flags =
    constants.O_WRONLY |
    constants.O_CREAT |
    constants.O_NOFOLLOW |
    (options.append ? constants.O_APPEND : constants.O_TRUNC);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(full, flags, 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') {
      throw new GuixuError(
        'FILE_PATH_NOT_ALLOWED',
        `"${options.path}" is a symbolic link; Read/Write Files does not write through links [item ${itemIndex}]`,
        { parameter, details: { itemIndex } },
      );
    }
    if (code === 'EISDIR') {
      throw new GuixuError('FILE_NOT_A_FILE', `"${options.path}" is a directory [item ${itemIndex}]`, {
        parameter,
        details: { itemIndex },
      });
    }
    throw new GuixuError(
      'FILE_WRITE_FAILED',
      `Could not write "${options.path}": ${code ?? String(error)} [item ${itemIndex}]`,
      {
        parameter,
        cause: error,
        details: { itemIndex },
      },
    );
  }
  // The stream owns the handle and closes it when the pipeline ends, failed or not.
  const stream = handle.createWriteStream();
  await pipeline(Readable.from(ctx.services.binary.stream(options.ref)), stream, { signal: ctx.signal });
}
