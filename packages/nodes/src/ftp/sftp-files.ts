import { Readable } from 'node:stream';
import type { ParamsOf } from '@guixu/core';
import SftpClient from 'ssh2-sftp-client';
import { connectConfig } from '../ssh/ssh-connection.ts';
import { joinPath, parentOf, type RemoteFiles } from './remote-files.ts';
import type { sftpFields } from './sftp.credentials.ts';

export type SftpCredential = ParamsOf<typeof sftpFields>;

export async function openSftp(credential: SftpCredential): Promise<RemoteFiles> {
  const client = new SftpClient('guixu');
  await client.connect(connectConfig(credential));
  return {
    async list(path) {
      const entries = await client.list(path);
      return entries.map((entry) => ({
        type: entry.type === 'd' ? 'd' : entry.type === 'l' ? 'l' : '-',
        name: entry.name,
        size: entry.size,
        modifyTime: entry.modifyTime ? new Date(entry.modifyTime).toISOString() : null,
        path: joinPath(path, entry.name),
      }));
    },
    async upload(path, data) {
      const parent = parentOf(path);
      if (parent && !(await client.exists(parent))) await client.mkdir(parent, true);
      await client.put(Readable.from(data), path);
    },
    async download(path) {
      const data = await client.get(path);
      return Buffer.isBuffer(data) ? data : Buffer.from(String(data));
    },
    async deleteFile(path) {
      await client.delete(path);
    },
    async deleteFolder(path, recursive) {
      await client.rmdir(path, recursive);
    },
    async rename(from, to) {
      await client.rename(from, to);
    },
    async mkdir(path) {
      await client.mkdir(path, true);
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}
