import { lstat, mkdir, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { GuixuError, type NodeRunContext } from '@guixu/core';

/**
 * The one directory Read/Write Files may touch: a host service `filesDir`, else
 * `GUIXU_FILES_DIR`, else `files/` inside the data directory (`GUIXU_DATA_DIR`,
 * default `~/.guixu`). Relative paths are taken inside it; absolute paths must
 * point inside it; `..` out of it and symbolic links leading out of it are refused.
 */
export const FILES_DIR_SERVICE = 'filesDir';

export function filesDir(ctx: Pick<NodeRunContext<unknown>, 'services'>): string {
  const fromHost = ctx.services[FILES_DIR_SERVICE];
  if (typeof fromHost === 'string' && fromHost) return resolve(fromHost);
  const configured = process.env.GUIXU_FILES_DIR?.trim();
  if (configured) return resolve(configured);
  const dataDir = process.env.GUIXU_DATA_DIR?.trim() || join(homedir(), '.guixu');
  return resolve(dataDir, 'files');
}

/** The real path of the root (created when missing). */
export async function realRoot(root: string): Promise<string> {
  await mkdir(root, { recursive: true });
  return realpath(root);
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

export function outsideError(path: string, root: string, parameter: string, itemIndex: number): GuixuError {
  return new GuixuError(
    'FILE_PATH_NOT_ALLOWED',
    `The path "${path}" is outside the files directory ${root} [item ${itemIndex}]`,
    {
      parameter,
      details: { itemIndex },
      description:
        'Read/Write Files only reaches files inside the directory set by GUIXU_FILES_DIR: use a path relative to it.',
    },
  );
}

/** The lexical absolute path of `path` inside `root`; refuses anything that leaves it. */
export function confine(root: string, path: string, parameter: string, itemIndex: number): string {
  if (!path.trim()) {
    throw new GuixuError('FILE_PATH_EMPTY', `No file path given [item ${itemIndex}]`, {
      parameter,
      details: { itemIndex },
    });
  }
  if (path.includes('\0')) throw outsideError(path, root, parameter, itemIndex);
  const full = resolve(root, path);
  if (!inside(root, full)) throw outsideError(path, root, parameter, itemIndex);
  return full;
}

/** Refuses a path whose existing part resolves (through symbolic links) outside the root. */
export async function checkReal(
  root: string,
  full: string,
  shown: string,
  parameter: string,
  itemIndex: number,
): Promise<void> {
  let probe = full;
  for (;;) {
    try {
      await lstat(probe);
      break;
    } catch {
      const parent = resolve(probe, '..');
      if (parent === probe) return;
      probe = parent;
    }
  }
  const real = await realpath(probe).catch(() => probe);
  if (!inside(root, real)) throw outsideError(shown, root, parameter, itemIndex);
}
