import { posix } from 'node:path';
import type { Client } from 'ssh2';
import { sftpOf } from './ssh-connection.ts';

/** What running a command gave, as n8n's SSH node outputs it (output trimmed). */
export interface CommandResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `~/x` is relative to the user's home, where SFTP sessions start. */
export function remotePath(path: string): string {
  if (path === '~') return '.';
  return path.startsWith('~/') ? path.slice(2) || '.' : path;
}

/** Runs `command` in `cwd` through the user's shell; a missing `cwd` fails the command (non-zero exit code). */
export function execute(
  client: Client,
  command: string,
  cwd: string,
  signal: AbortSignal,
): Promise<CommandResult> {
  const script = cwd ? `cd -- ${shellQuote(remotePath(cwd))} && {\n${command}\n}` : command;
  return new Promise((resolve, reject) => {
    client.exec(script, (error, stream) => {
      if (error) {
        reject(error);
        return;
      }
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let code: number | null = null;
      let exitSignal: string | null = null;
      const abort = () => stream.close();
      signal.addEventListener('abort', abort, { once: true });
      stream.on('data', (chunk: Buffer) => stdout.push(chunk));
      stream.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      stream.on('exit', (exitCode: number | null, name?: string) => {
        code = exitCode;
        exitSignal = name ?? null;
      });
      stream.once('close', () => {
        signal.removeEventListener('abort', abort);
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        resolve({
          code,
          signal: exitSignal,
          stdout: Buffer.concat(stdout).toString('utf8').trim(),
          stderr: Buffer.concat(stderr).toString('utf8').trim(),
        });
      });
    });
  });
}

/** Writes a file over SFTP from a stream of bytes. */
export async function uploadFile(
  client: Client,
  path: string,
  data: AsyncIterable<Uint8Array>,
): Promise<void> {
  const sftp = await sftpOf(client);
  try {
    await new Promise<void>((resolve, reject) => {
      const target = sftp.createWriteStream(remotePath(path));
      target.once('error', reject);
      target.once('close', () => resolve());
      (async () => {
        for await (const chunk of data) {
          if (!target.write(chunk)) await new Promise((drain) => target.once('drain', drain));
        }
        target.end();
      })().catch((error: unknown) => {
        target.destroy();
        reject(error);
      });
    });
  } finally {
    sftp.end();
  }
}

/** Reads a whole file over SFTP (a missing file rejects with SFTP's "No such file"). */
export async function downloadFile(client: Client, path: string): Promise<Buffer> {
  const sftp = await sftpOf(client);
  try {
    // Resolved on 'close', once the remote file handle is closed: ending the session before that
    // would fail the pending close request.
    return await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let failure: unknown;
      const source = sftp.createReadStream(remotePath(path));
      source.on('data', (chunk: Buffer) => chunks.push(chunk));
      source.once('error', (error: unknown) => {
        failure ??= error;
      });
      source.once('close', () => (failure === undefined ? resolve(Buffer.concat(chunks)) : reject(failure)));
    });
  } finally {
    sftp.end();
  }
}

export function joinRemote(directory: string, fileName: string): string {
  return directory.endsWith('/') ? `${directory}${fileName}` : posix.join(directory, fileName);
}
