/**
 * The file operations the FTP node needs, over FTP (basic-ftp) or SFTP
 * (ssh2-sftp-client): one small interface, one adapter per protocol.
 */
export interface RemoteEntry {
  /** `d` directory, `-` file, `l` symbolic link (as `ls -l` and n8n's SFTP listing). */
  type: 'd' | '-' | 'l';
  name: string;
  size: number;
  /** ISO time of the last change, when the server tells it. */
  modifyTime: string | null;
  /** Full path of the entry. */
  path: string;
}

export interface RemoteFiles {
  list(path: string): Promise<RemoteEntry[]>;
  /** Writes a file, creating its missing parent directories. */
  upload(path: string, data: AsyncIterable<Uint8Array>): Promise<void>;
  download(path: string): Promise<Buffer>;
  deleteFile(path: string): Promise<void>;
  deleteFolder(path: string, recursive: boolean): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Creates a directory and its missing parents. */
  mkdir(path: string): Promise<void>;
  close(): Promise<void>;
}

export function joinPath(directory: string, name: string): string {
  return directory.endsWith('/') ? `${directory}${name}` : `${directory}/${name}`;
}

export function parentOf(path: string): string | undefined {
  const cut = path.replace(/\/+$/, '').lastIndexOf('/');
  if (cut < 0) return undefined;
  return cut === 0 ? '/' : path.slice(0, cut);
}

/** Every file under `path` (directories are walked, not listed), as n8n's recursive listing. */
export async function listRecursive(files: RemoteFiles, path: string): Promise<RemoteEntry[]> {
  const out: RemoteEntry[] = [];
  for (const entry of await files.list(path)) {
    if (entry.type === 'd') out.push(...(await listRecursive(files, entry.path)));
    else out.push(entry);
  }
  return out;
}
