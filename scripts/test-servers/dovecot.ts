import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { selfSignedCertificate } from '../../packages/nodes/src/http-request/test-support/self-signed.ts';

/**
 * Debian's Dovecot for tests, never the system one: `dovecot -F -c` with a
 * configuration, users file and maildirs in a temp dir, IMAP on 127.0.0.1 and
 * a free port (plain text + STARTTLS) and IMAPS on another, with a
 * self-signed certificate. Users and passwords are invented per start
 * (passwd-file); mail is stored as the `nobody` account. `ensureDovecot`
 * resolves with `{ skipped }` only when the package cannot be installed.
 */
const run = promisify(execFile);
const here = import.meta.dirname;
const DOVECOT = '/usr/sbin/dovecot';

export interface TestDovecot {
  host: string;
  /** IMAP (plain text, STARTTLS offered). */
  port: number;
  /** IMAPS (TLS from the start, self-signed certificate). */
  tlsPort: number;
  /** Signed-in IMAP connections (`doveadm who`), to check that clients close theirs. */
  connections(): Promise<number>;
  close(): Promise<void>;
}

export async function ensureDovecot(): Promise<{ ok: true } | { skipped: string }> {
  try {
    await run('sh', [join(here, 'install.sh')]);
    return { ok: true };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n').slice(-2).join(' ') : String(error);
    return { skipped: `dovecot-imapd could not be installed (${reason.trim()}): IMAP tests skipped` };
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

async function accepting(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts Dovecot with these users (each with an empty mailbox, made on first sign-in). */
export async function startDovecot(users: { user: string; password: string }[]): Promise<TestDovecot> {
  const dir = await mkdtemp(join(tmpdir(), 'guixu-dovecot-'));
  await chmod(dir, 0o755);
  const mail = join(dir, 'mail');
  await mkdir(mail, { mode: 0o777 });
  await chmod(mail, 0o777);
  const { key, cert } = selfSignedCertificate('localhost');
  await writeFile(join(dir, 'key.pem'), key, { mode: 0o600 });
  await writeFile(join(dir, 'cert.pem'), cert);
  const usersFile = join(dir, 'users');
  await writeFile(usersFile, users.map((entry) => `${entry.user}:{PLAIN}${entry.password}\n`).join(''), {
    mode: 0o644,
  });
  const [port, tlsPort] = [await freePort(), await freePort()];
  const config = `
base_dir = ${join(dir, 'run')}
state_dir = ${join(dir, 'state')}
instance_name = guixu-test-${port}
log_path = /dev/stderr
info_log_path = /dev/null
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <${join(dir, 'cert.pem')}
ssl_key = <${join(dir, 'key.pem')}
disable_plaintext_auth = no
# Tests sign in with wrong passwords on purpose: no failure delay, no penalty (anvil below).
auth_failure_delay = 0
login_trusted_networks = 127.0.0.0/8
auth_mechanisms = plain login
mail_location = maildir:${mail}/%u
first_valid_uid = 1
mail_uid = nobody
mail_gid = nogroup
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${usersFile}
}
userdb {
  driver = static
  args = home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${tlsPort}
    ssl = yes
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service stats {
  inet_listener http {
    port = 0
  }
}
protocol imap {
  imap_idle_notify_interval = 1 secs
}
`;
  const file = join(dir, 'dovecot.conf');
  await writeFile(file, config);
  const child = spawn(DOVECOT, ['-F', '-c', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let exit: string | undefined;
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.once('exit', (code, signal) => {
    exit = `${code ?? signal}: ${stderr.trim()}`;
  });
  for (let attempt = 0; ; attempt++) {
    if (exit !== undefined || attempt >= 200) {
      child.kill();
      await rm(dir, { recursive: true, force: true });
      throw new Error(`dovecot did not start: ${exit ?? 'not listening'}`);
    }
    if ((await accepting(port)) && (await accepting(tlsPort))) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    host: '127.0.0.1',
    port,
    tlsPort,
    async connections() {
      const { stdout } = await run('doveadm', ['-c', file, 'who', '-1']);
      return stdout.split('\n').filter((line) => /\simap\s/.test(line)).length;
    },
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
