/**
 * Email, SSH, FTP and SFTP nodes against the local test servers (the ones
 * their tests start): emails sent per second, SSH commands per second, and
 * 32 MB moved each way over FTP and SFTP. Prints numbers; asserts nothing.
 * SSH/SFTP rows are left out when sshd cannot be installed.
 * Run: `npx tsx bench/file-transfer.ts`.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Item, MemoryBinaryStore } from '@guixu/core';
import emailSend from '../packages/nodes/src/email-send/email-send.node.ts';
import ftp from '../packages/nodes/src/ftp/ftp.node.ts';
import { runNodeWorkflow } from '../packages/nodes/src/shared/testing/run-node-workflow.ts';
import ssh from '../packages/nodes/src/ssh/ssh.node.ts';
import { startFtpServer } from '../scripts/test-servers/ftp.ts';
import { startSmtpServer } from '../scripts/test-servers/smtp.ts';
import { ensureSshd, startSshd } from '../scripts/test-servers/sshd.ts';

interface Result {
  name: string;
  value: number;
  unit: string;
}

const MB = 1024 * 1024;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return (performance.now() - t0) / 1000;
}

async function transfer(
  protocol: 'ftp' | 'sftp',
  credential: Record<string, unknown>,
  path: string,
): Promise<Result[]> {
  const binary = new MemoryBinaryStore();
  const data = await binary.put(randomBytes(32 * MB), {
    mimeType: 'application/octet-stream',
    fileName: 'big.bin',
  });
  const run = (parameters: Record<string, unknown>, inputItems?: Item[]) =>
    runNodeWorkflow({
      definition: ftp,
      parameters: { protocol, ...parameters },
      credential: { slot: protocol, data: credential },
      binary,
      ...(inputItems ? { inputItems } : {}),
    });
  const up = await timed(() => run({ operation: 'upload', path }, [{ json: {}, binary: { data } }]));
  const down = await timed(() => run({ operation: 'download', path }));
  return [
    { name: `${protocol.toUpperCase()} upload 32 MB`, value: 32 / up, unit: 'MB/s' },
    { name: `${protocol.toUpperCase()} download 32 MB`, value: 32 / down, unit: 'MB/s' },
  ];
}

export default async function bench(): Promise<Result[]> {
  const results: Result[] = [];

  const smtp = await startSmtpServer({ tls: 'implicit' });
  try {
    const items = Array.from({ length: 200 }, (_, i) => ({ to: `r${i}@example.com` }));
    const seconds = await timed(() =>
      runNodeWorkflow({
        definition: emailSend,
        parameters: {
          fromEmail: 'a@example.com',
          toEmail: '={{ $json.to }}',
          subject: 'x',
          emailFormat: 'text',
          text: 'x',
        },
        credential: {
          slot: 'smtp',
          data: {
            host: '127.0.0.1',
            port: smtp.port,
            user: smtp.user,
            password: smtp.password,
            secure: true,
            allowUnauthorizedCerts: true,
          },
        },
        items,
      }),
    );
    results.push({
      name: '200 emails over TLS, one per item',
      value: items.length / seconds,
      unit: 'emails/s',
    });
  } finally {
    await smtp.close();
  }

  const ftpServer = await startFtpServer();
  try {
    results.push(
      ...(await transfer(
        'ftp',
        { host: '127.0.0.1', port: ftpServer.port, username: ftpServer.user, password: ftpServer.password },
        '/big.bin',
      )),
    );
  } finally {
    await ftpServer.close();
  }

  if ('skipped' in (await ensureSshd())) return results;
  const sshd = await startSshd();
  const file = join(sshd.home, `bench-${randomBytes(4).toString('hex')}.bin`);
  try {
    const login = { host: sshd.host, port: sshd.port, username: sshd.username, password: sshd.password };
    const items = Array.from({ length: 50 }, () => ({}));
    const seconds = await timed(() =>
      runNodeWorkflow({
        definition: ssh,
        parameters: { command: 'true', cwd: '~' },
        credential: { slot: 'sshPassword', data: login },
        items,
      }),
    );
    results.push({
      name: '50 SSH commands on one connection',
      value: items.length / seconds,
      unit: 'commands/s',
    });
    results.push(...(await transfer('sftp', login, file)));
  } finally {
    await rm(file, { force: true });
    await sshd.close();
  }
  return results;
}
