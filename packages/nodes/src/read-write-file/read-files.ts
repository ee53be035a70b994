import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, relative } from 'node:path';
import { GuixuError, type Item, type NodeRunContext } from '@guixu/core';
import { glob, isDynamicPattern } from 'tinyglobby';
import { mimeTypeOf, storeBinary } from '../shared/binary-property.ts';
import { checkReal, confine, outsideError } from './files-dir.ts';

export interface ReadOptions {
  fileExtension?: string;
  fileName?: string;
  mimeType?: string;
  dataPropertyName?: string;
}

/** At most this many files per selector: a `**` over a large tree is a mistake, not a read. */
const MAX_FILES = 10_000;

/** Every file the selector matches inside the root, as items with binary data. */
export async function readFiles(
  ctx: NodeRunContext<unknown>,
  options: { root: string; selector: string; options: ReadOptions; itemIndex: number },
): Promise<Item[]> {
  const { root, itemIndex } = options;
  const parameter = 'fileSelector';
  const selector = options.selector.trim();
  const full = confine(root, selector, parameter, itemIndex);
  let paths: string[];
  if (isDynamicPattern(selector)) {
    const pattern = relative(root, full).split('\\').join('/');
    if (pattern.split('/').includes('..') || isAbsolute(pattern))
      throw outsideError(selector, root, parameter, itemIndex);
    paths = await glob(pattern, {
      cwd: root,
      absolute: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      expandDirectories: false,
    });
    paths.sort();
    if (paths.length > MAX_FILES) {
      throw new GuixuError(
        'FILE_TOO_MANY',
        `The selector "${selector}" matches more than ${MAX_FILES} files [item ${itemIndex}]`,
        { parameter, details: { itemIndex } },
      );
    }
  } else {
    paths = [full];
  }
  const items: Item[] = [];
  for (const path of paths) {
    await checkReal(root, path, selector, parameter, itemIndex);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!info) {
      throw new GuixuError(
        'FILE_NOT_FOUND',
        `No file "${selector}" in the files directory [item ${itemIndex}]`,
        {
          parameter,
          details: { itemIndex },
        },
      );
    }
    if (!info.isFile()) {
      throw new GuixuError(
        'FILE_NOT_A_FILE',
        `"${selector}" is a directory, not a file [item ${itemIndex}]`,
        {
          parameter,
          details: { itemIndex },
          description: 'Use a glob such as "folder/*" to read the files in a directory.',
        },
      );
    }
    const fileName = options.options.fileName || basename(path);
    const mimeType = options.options.mimeType || mimeTypeOf(basename(path));
    const ref = await storeBinary(ctx, createReadStream(path, { signal: ctx.signal }), {
      fileName,
      mimeType,
    });
    const fileExtension = options.options.fileExtension || extname(fileName).slice(1) || undefined;
    const binary = fileExtension ? { ...ref, fileExtension } : ref;
    items.push({
      json: {
        mimeType: binary.mimeType,
        ...(binary.fileType ? { fileType: binary.fileType } : {}),
        fileName,
        ...(fileExtension ? { fileExtension } : {}),
        fileSize: formatSize(binary.fileSize),
      },
      binary: { [options.options.dataPropertyName || 'data']: binary },
      pairedItem: { item: itemIndex },
    });
  }
  return items;
}

/** Sizes as n8n prints them (pretty-bytes: three significant digits, "1.23 kB"). */
function formatSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : Number(value.toPrecision(3))} ${units[unit]}`;
}
