import { PassThrough, Readable } from 'node:stream';
import { Client, FileType } from 'basic-ftp';
import type { ftpFields } from './ftp.credentials.ts';
import { parseListDate } from './list-date.ts';
import { joinPath, parentOf, type RemoteEntry, type RemoteFiles } from './remote-files.ts';
import type { ParamsOf } from '@guixu/core';

export type FtpCredential = ParamsOf<typeof ftpFields>;

const TIMEOUT_MS = 15_000;

/** 530: "Not logged in" (wrong user or password). */
export function isFtpAuthFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 530;
}

function typeOf(type: FileType): RemoteEntry['type'] {
  return type === FileType.Directory ? 'd' : type === FileType.SymbolicLink ? 'l' : '-';
}

export async function openFtp(credential: FtpCredential): Promise<RemoteFiles> {
  const client = new Client(TIMEOUT_MS);
  try {
    await client.access({
      host: credential.host,
      port: credential.port,
      user: credential.username || 'anonymous',
      password: credential.password,
      secure: credential.secure,
      secureOptions: { rejectUnauthorized: !credential.allowUnauthorizedCerts },
    });
  } catch (error) {
    client.close();
    throw error;
  }
  const home = await client.pwd();
  /** basic-ftp's ensureDir changes the working directory: go back after it. */
  const ensureDir = async (path: string) => {
    await client.ensureDir(path);
    await client.cd(home);
  };
  return {
    async list(path) {
      const entries = await client.list(path);
      return entries
        .filter((entry) => entry.name !== '.' && entry.name !== '..')
        .map((entry) => ({
          type: typeOf(entry.type),
          name: entry.name,
          size: entry.size,
          modifyTime: (entry.modifiedAt ?? parseListDate(entry.rawModifiedAt))?.toISOString() ?? null,
          path: joinPath(path, entry.name),
        }));
    },
    async upload(path, data) {
      const parent = parentOf(path);
      if (parent) await ensureDir(parent);
      await client.uploadFrom(Readable.from(data), path);
    },
    async download(path) {
      const chunks: Buffer[] = [];
      const sink = new PassThrough();
      sink.on('data', (chunk: Buffer) => chunks.push(chunk));
      await client.downloadTo(sink, path);
      return Buffer.concat(chunks);
    },
    async deleteFile(path) {
      await client.remove(path);
    },
    async deleteFolder(path, recursive) {
      if (recursive) {
        await client.removeDir(path);
        await client.cd(home);
      } else {
        await client.send(`RMD ${path}`);
      }
    },
    async rename(from, to) {
      await client.rename(from, to);
    },
    mkdir: ensureDir,
    async close() {
      client.close();
    },
  };
}
