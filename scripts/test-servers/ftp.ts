import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FtpSrv } from 'ftp-srv';

/**
 * A local FTP server for tests (the npm `ftp-srv` package) on 127.0.0.1 and a
 * free port, serving a fresh temp directory to one user and password.
 */
export interface TestFtpServer {
  port: number;
  user: string;
  password: string;
  /** The directory served as `/`. */
  root: string;
  /** Open control connections (to check that a node closes its own). */
  connections(): number;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** ftp-srv logs through bunyan to stdout by default: a silent logger instead. */
function silentLog(): Record<string, unknown> {
  const log: Record<string, unknown> = {};
  for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) log[level] = () => undefined;
  log.child = () => log;
  return log;
}

export async function startFtpServer(): Promise<TestFtpServer> {
  const user = 'ftpuser';
  const password = 'ftp-secret';
  const root = await mkdtemp(join(tmpdir(), 'guixu-ftp-'));
  const port = await freePort();
  const server = new FtpSrv({
    url: `ftp://127.0.0.1:${port}`,
    pasv_url: '127.0.0.1',
    pasv_min: 40000,
    pasv_max: 60000,
    anonymous: false,
    greeting: 'guixu test ftp',
    log: silentLog(),
  });
  let open = 0;
  server.on('login', ({ username, password: given }, resolve, reject) => {
    if (username === user && given === password) resolve({ root });
    else reject(new Error('Invalid username or password'));
  });
  server.on('connect' as 'disconnect', () => {
    open++;
  });
  server.on('disconnect', () => {
    open--;
  });
  server.on('client-error', () => undefined);
  await server.listen();
  return {
    port,
    user,
    password,
    root,
    connections: () => open,
    async close() {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
