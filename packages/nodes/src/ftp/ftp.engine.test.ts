import { randomBytes } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryBinaryStore } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFtpServer, type TestFtpServer } from '../../../../scripts/test-servers/ftp.ts';
import { ensureSshd, startSshd, type TestSshd } from '../../../../scripts/test-servers/sshd.ts';
import { settledCount } from '../shared/testing/settled.ts';
import { runNodeWorkflow } from '../shared/testing/run-node-workflow.ts';
import ftpCredential from './ftp.credentials.ts';
import ftp from './ftp.node.ts';
import sftpCredential from './sftp.credentials.ts';

/**
 * The same operations against a real FTP server (npm `ftp-srv`) and a real
 * SFTP server (Debian's sshd, internal-sftp), both started by this file.
 */
const installed = await ensureSshd();
if ('skipped' in installed) console.warn(installed.skipped);

interface Target {
  protocol: 'ftp' | 'sftp';
  credential: () => Record<string, unknown>;
  /** Remote path of the test's directory, and where it is on this machine. */
  remote: () => string;
  local: () => string;
}

let ftpServer: TestFtpServer;
let sshd: TestSshd;
const sftpDir = `sftp-${randomBytes(4).toString('hex')}`;

const targets: Target[] = [
  {
    protocol: 'ftp',
    credential: () => ({
      host: '127.0.0.1',
      port: ftpServer.port,
      username: ftpServer.user,
      password: ftpServer.password,
      secure: false,
      allowUnauthorizedCerts: false,
    }),
    remote: () => '/work',
    local: () => join(ftpServer.root, 'work'),
  },
  {
    protocol: 'sftp',
    credential: () => ({
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      password: sshd.password,
    }),
    remote: () => join(sshd.home, sftpDir),
    local: () => join(sshd.home, sftpDir),
  },
];

beforeAll(async () => {
  ftpServer = await startFtpServer();
  if (!('skipped' in installed)) sshd = await startSshd();
});

afterAll(async () => {
  await ftpServer?.close();
  if (sshd) await rm(join(sshd.home, sftpDir), { recursive: true, force: true });
  await sshd?.close();
});

describe.each(targets)('FTP node over $protocol against a real server', (target) => {
  const skip = target.protocol === 'sftp' && 'skipped' in installed;

  function run(
    parameters: Record<string, unknown>,
    options: { data?: Record<string, unknown>; binary?: MemoryBinaryStore; inputItems?: never[] } = {},
  ) {
    return runNodeWorkflow({
      definition: ftp,
      parameters: { protocol: target.protocol, ...parameters },
      credential: { slot: target.protocol, data: options.data ?? target.credential() },
      ...(options.binary ? { binary: options.binary } : {}),
      ...(options.inputItems ? { inputItems: options.inputItems } : {}),
    });
  }

  it.skipIf(skip)('uploads (creating folders), lists, downloads, renames and deletes', async () => {
    const base = target.remote();
    const binary = new MemoryBinaryStore();
    const bytes = randomBytes(100_000);
    const data = await binary.put(bytes, { mimeType: 'application/octet-stream', fileName: 'a.bin' });
    const up = await run(
      { operation: 'upload', path: `${base}/in/a.bin`, binaryPropertyName: 'data' },
      { binary, inputItems: [{ json: { id: 1 }, binary: { data } }] as never[] },
    );
    expect(up.error).toBeUndefined();
    expect(up.output).toEqual([{ id: 1 }]);
    expect(Buffer.compare(await readFile(join(target.local(), 'in/a.bin')), bytes)).toBe(0);

    const text = await run({
      operation: 'upload',
      path: `${base}/in/deep/b.txt`,
      binaryData: false,
      fileContent: 'hello',
    });
    expect(text.error).toBeUndefined();
    expect(await readFile(join(target.local(), 'in/deep/b.txt'), 'utf8')).toBe('hello');

    const list = await run({ operation: 'list', path: `${base}/in` });
    expect(list.error).toBeUndefined();
    const entries = list.output.map((e) => ({ type: e.type, name: e.name, size: e.size, path: e.path }));
    expect(entries.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual([
      { type: '-', name: 'a.bin', size: 100_000, path: `${base}/in/a.bin` },
      { type: 'd', name: 'deep', size: expect.any(Number), path: `${base}/in/deep` },
    ]);
    expect(list.output[0]?.modifyTime).toEqual(expect.any(String));
    const all = await run({ operation: 'list', path: `${base}/in`, recursive: true });
    expect(all.output.map((e) => e.path).sort()).toEqual([`${base}/in/a.bin`, `${base}/in/deep/b.txt`]);

    const down = await run(
      { operation: 'download', path: `${base}/in/deep/b.txt`, binaryPropertyName: 'file' },
      { binary },
    );
    expect(down.error).toBeUndefined();
    const ref = down.items[0]?.binary?.file;
    expect(ref).toMatchObject({ fileName: 'b.txt', mimeType: 'text/plain', fileSize: 5 });
    expect(Buffer.from(await binary.get(ref as never)).toString()).toBe('hello');

    const moved = await run({
      operation: 'rename',
      oldPath: `${base}/in/deep/b.txt`,
      newPath: `${base}/out/new/c.txt`,
      options: { createDirectories: true },
    });
    expect(moved.output).toEqual([{ success: true }]);
    expect(await readFile(join(target.local(), 'out/new/c.txt'), 'utf8')).toBe('hello');

    const made = await run({ operation: 'mkdir', path: `${base}/made/x` });
    expect(made.output).toEqual([{ success: true }]);
    expect((await stat(join(target.local(), 'made/x'))).isDirectory()).toBe(true);

    await run({ operation: 'delete', path: `${base}/in/a.bin` });
    await expect(stat(join(target.local(), 'in/a.bin'))).rejects.toThrow();
    const notEmpty = await run({ operation: 'delete', path: `${base}/out`, options: { folder: true } });
    expect(notEmpty.error?.code).toBe(`${target.protocol.toUpperCase()}_COMMAND_FAILED`);
    const gone = await run({
      operation: 'delete',
      path: `${base}/out`,
      options: { folder: true, recursive: true },
    });
    expect(gone.output).toEqual([{ success: true }]);
    await expect(stat(join(target.local(), 'out'))).rejects.toThrow();
  });

  it.skipIf(skip)(
    'reports a wrong password, an unreachable server and a missing file as node errors',
    async () => {
      const prefix = target.protocol.toUpperCase();
      const wrong = await run(
        { operation: 'list', path: '/' },
        { data: { ...target.credential(), password: 'wrong-secret-pw' } },
      );
      expect(wrong.error).toMatchObject({ code: `${prefix}_AUTH_FAILED`, node: 'DB' });
      expect(JSON.stringify(wrong.runData)).not.toContain('wrong-secret-pw');

      const down = await run({ operation: 'list', path: '/' }, { data: { ...target.credential(), port: 1 } });
      expect(down.error).toMatchObject({ code: `${prefix}_CONNECTION_FAILED`, node: 'DB' });
      expect(down.error?.message).toContain('127.0.0.1:1');

      const missing = await run({ operation: 'download', path: `${target.remote()}/none.txt` });
      expect(missing.error).toMatchObject({ code: `${prefix}_COMMAND_FAILED`, node: 'DB' });

      if (target.protocol === 'sftp') {
        const pinned = {
          ...target.credential(),
          hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        };
        const otherKey = await run({ operation: 'list', path: '/' }, { data: pinned });
        expect(otherKey.error).toMatchObject({ code: 'SFTP_AUTH_FAILED', node: 'DB' });
        const right = await run(
          { operation: 'list', path: target.remote() },
          { data: { ...pinned, hostKeyFingerprint: sshd.hostKeyFingerprint } },
        );
        expect(right.error).toBeUndefined();
      }

      const noBinary = await run({ operation: 'upload', path: `${target.remote()}/x.bin` });
      expect(noBinary.error).toMatchObject({ code: 'BINARY_MISSING', node: 'DB' });
    },
  );

  it.skipIf(skip)('tests its credential: signed in, and a wrong password', async () => {
    const signal = new AbortController().signal;
    const login = {
      privateKey: '',
      passphrase: '',
      secure: false,
      allowUnauthorizedCerts: false,
      ...target.credential(),
    };
    const test = (data: Record<string, unknown>) =>
      target.protocol === 'ftp'
        ? ftpCredential.test?.(data as never, signal)
        : sftpCredential.test?.(data as never, signal);
    expect(await test(login)).toMatchObject({ ok: true });
    const wrong = await test({ ...login, password: 'nope' });
    expect(wrong?.ok).toBe(false);
  });
});

describe('FTP node connections', () => {
  it('closes its FTP connection after the run', async () => {
    await writeFile(join(ftpServer.root, 'probe.txt'), 'x');
    const result = await runNodeWorkflow({
      definition: ftp,
      parameters: { protocol: 'ftp', operation: 'list', path: '/' },
      credential: { slot: 'ftp', data: targets[0]?.credential() ?? {} },
    });
    expect(result.output.map((e) => e.name)).toContain('probe.txt');
    expect(await settledCount(async () => ftpServer.connections())).toBe(0);
  });
});
