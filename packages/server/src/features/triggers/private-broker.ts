import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listening } from './broker-test-kit.ts';

/**
 * Broker processes of a test's own (a temp directory, a free loopback port),
 * so a test can really stop the broker and start it again on the same port
 * without touching the shared services on 1883 / 6379 that other tests use.
 */
export const MOSQUITTO = '/usr/sbin/mosquitto';
export const REDIS_SERVER = '/usr/bin/redis-server';

/** Why the broker binary cannot run here (a reason for `describe.skipIf`), or undefined. */
export function missingBinary(path: string): string | undefined {
  return existsSync(path) ? undefined : `${path} is not installed`;
}

export interface PrivateBroker {
  port: number;
  /** Stops the process (SIGTERM) and waits until it exited: the port refuses connections. */
  down(): Promise<void>;
  /** Starts the process again on the same port and waits until it accepts connections. */
  up(): Promise<void>;
  /** Stops the process for good and removes its directory. */
  stop(): Promise<void>;
}

const START_DEADLINE_MS = 30_000;
const STOP_GRACE_MS = 10_000;
/** Brokers still running, killed if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
let exitHook = false;

/** Mosquitto with anonymous clients and no persistence (a restart forgets sessions and retained messages). */
export async function startPrivateMosquitto(): Promise<PrivateBroker> {
  return startPrivateBroker('mosquitto', MOSQUITTO, async (dir, port) => {
    const config = join(dir, 'mosquitto.conf');
    const lines = [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      'log_dest stderr',
      'user root',
    ];
    await writeFile(config, `${lines.join('\n')}\n`);
    return ['-c', config];
  });
}

/**
 * redis-server without snapshots. `appendOnly` keeps the data across a
 * restart (AOF, fsync per write), as a Redis holding streams is run.
 */
export async function startPrivateRedis(options: { appendOnly?: boolean } = {}): Promise<PrivateBroker> {
  return startPrivateBroker('redis-server', REDIS_SERVER, async (dir, port) => [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    options.appendOnly ? 'yes' : 'no',
    ...(options.appendOnly ? ['--appendfsync', 'always'] : []),
    '--dir',
    dir,
  ]);
}

async function startPrivateBroker(
  name: string,
  binary: string,
  prepare: (dir: string, port: number) => Promise<string[]>,
): Promise<PrivateBroker> {
  const dir = await mkdtemp(join(tmpdir(), `gx-${name}-`));
  const port = await quietPort();
  const args = await prepare(dir, port);
  let child: ChildProcess | undefined;
  const up = async () => {
    child = await launch(name, binary, args, port);
  };
  const down = async () => {
    const current = child;
    child = undefined;
    if (current) await terminate(current);
  };
  await up();
  return {
    port,
    up,
    down,
    async stop() {
      await down();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Spawns the broker and waits until it listens; one that exits first (port not yet free) is started again. */
async function launch(name: string, binary: string, args: string[], port: number): Promise<ChildProcess> {
  const deadline = Date.now() + START_DEADLINE_MS;
  for (;;) {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    track(child);
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-2_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exited = () => child.exitCode !== null || child.signalCode !== null;
    while (!exited() && !(await listening(port)) && Date.now() < deadline) await pause(50);
    if (!exited() && (await listening(port))) return child;
    if (!exited()) await terminate(child);
    if (Date.now() >= deadline) {
      throw new Error(
        `${name} did not listen on 127.0.0.1:${port} within ${START_DEADLINE_MS} ms: ${output}`,
      );
    }
    await pause(200);
  }
}

function track(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const broker of running) broker.kill('SIGKILL');
  });
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A free port below the kernel's ephemeral range: while the broker is down,
 * no other process's outgoing connection can be given it as its local port,
 * so the restarted broker can bind it again.
 */
async function quietPort(): Promise<number> {
  const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '');
  const low = Number(range.trim().split(/\s+/)[0]);
  if (Number.isInteger(low) && low > 12_000) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = await bindable(10_000 + Math.floor(Math.random() * (low - 10_000)));
      if (port !== undefined) return port;
    }
  }
  const port = await bindable(0);
  if (port === undefined) throw new Error('no free loopback port for a private broker');
  return port;
}

function bindable(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}
