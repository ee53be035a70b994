import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Debian's sshd for tests, never the system one: started on 127.0.0.1 and a
 * free port with its own configuration and host key in a temp dir, signing
 * in one account (`ssh-user.sh`) by password or by the key pairs made here
 * (one plain ed25519 key, one RSA key with a passphrase). SFTP is served by
 * sshd's internal-sftp. `startSshd` resolves with `{ skipped }` only when the
 * package cannot be installed.
 */
const run = promisify(execFile);
const here = import.meta.dirname;
const SSHD = '/usr/sbin/sshd';

export interface TestSshd {
  host: string;
  port: number;
  username: string;
  password: string;
  /** Private keys (OpenSSH format) accepted for the user. */
  privateKey: string;
  encryptedKey: { privateKey: string; passphrase: string };
  /** The server's host key fingerprint (`SHA256:…`). */
  hostKeyFingerprint: string;
  /** The user's home directory on this machine (the server's file system is this one). */
  home: string;
  close(): Promise<void>;
}

export async function ensureSshd(): Promise<{ ok: true } | { skipped: string }> {
  try {
    await run('sh', [join(here, 'install.sh')]);
    return { ok: true };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n').slice(-2).join(' ') : String(error);
    return { skipped: `openssh-server could not be installed (${reason.trim()}): SSH/SFTP tests skipped` };
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Waits (bounded) until the port accepts connections, or the process exited. */
async function listening(port: number, exited: () => string | undefined): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const failed = exited();
    if (failed !== undefined) throw new Error(`sshd exited: ${failed}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sshd did not listen on port ${port}`);
}

async function keyPair(dir: string, name: string, type: string, passphrase = ''): Promise<string> {
  const file = join(dir, name);
  await run('ssh-keygen', [
    '-q',
    '-t',
    type,
    ...(type === 'rsa' ? ['-b', '2048'] : []),
    '-N',
    passphrase,
    '-C',
    name,
    '-f',
    file,
  ]);
  return file;
}

export async function startSshd(): Promise<TestSshd> {
  const { stdout } = await run('sh', [join(here, 'ssh-user.sh')]);
  const password = stdout.trim();
  const username = 'guixu-sshtest';
  const dir = await mkdtemp(join(tmpdir(), 'guixu-sshd-'));
  await chmod(dir, 0o755);
  const hostKey = await keyPair(dir, 'host_ed25519', 'ed25519');
  const userKey = await keyPair(dir, 'user_ed25519', 'ed25519');
  const passphrase = 'key-passphrase';
  const encrypted = await keyPair(dir, 'user_rsa', 'rsa', passphrase);
  const authorized = [await readFile(`${userKey}.pub`, 'utf8'), await readFile(`${encrypted}.pub`, 'utf8')];
  await writeFile(join(dir, 'authorized_keys'), authorized.join(''), { mode: 0o644 });
  const port = await freePort();
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'UsePAM no',
    'PermitRootLogin no',
    'StrictModes no',
    `AllowUsers ${username}`,
    'Subsystem sftp internal-sftp',
    'MaxStartups 100:30:200',
    'MaxSessions 100',
    'LogLevel ERROR',
    '',
  ].join('\n');
  await writeFile(join(dir, 'sshd_config'), config);
  // sshd's privilege separation directory (made by the package's service, which never runs here).
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const child = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let exit: string | undefined;
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.once('exit', (code, signal) => {
    exit = `${code ?? signal}: ${stderr.trim()}`;
  });
  try {
    await listening(port, () => exit);
  } catch (error) {
    child.kill();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const { stdout: printed } = await run('ssh-keygen', ['-lf', `${hostKey}.pub`]);
  const hostKeyFingerprint = printed.split(' ')[1] ?? '';
  const { stdout: home } = await run('sh', ['-c', `getent passwd ${username} | cut -d: -f6`]);
  return {
    host: '127.0.0.1',
    port,
    username,
    password,
    privateKey: await readFile(userKey, 'utf8'),
    encryptedKey: { privateKey: await readFile(encrypted, 'utf8'), passphrase },
    home: home.trim(),
    hostKeyFingerprint,
    async close() {
      if (exit === undefined) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
