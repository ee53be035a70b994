import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { NodeRegistry } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { eventually } from '../schedules/schedule-test-kit.ts';

/**
 * Helpers for the message-queue trigger tests against the brokers on this
 * machine. RabbitMQ tests reach the broker through a proxy of their own, so
 * counting and cutting connections touches nobody else's.
 */
const run = promisify(execFile);

export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

export interface TcpProxy {
  port: number;
  /** Client connections the proxy holds open to the target. */
  open(): number;
  /** Destroys every proxied connection at once, as a broker restart or a network cut does. */
  dropAll(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a shared broker: the test counts and cuts only its
 * own connections, with nothing but Node (no `rabbitmqctl`, which needs root
 * or the broker's user and an Erlang VM per call).
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<{ client: import('node:net').Socket; upstream: import('node:net').Socket }>();
  const server = createServer((client) => {
    const upstream = connectTcp(targetPort, '127.0.0.1');
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      if (!pairs.delete(pair)) return;
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const dropAll = () => {
    for (const { client, upstream } of [...pairs]) {
      client.destroy();
      upstream.destroy();
    }
  };
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    open: () => pairs.size,
    dropAll,
    async close() {
      dropAll();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Polls a count until it equals `expected` (the broker sees a close a moment after the client). */
export function settlesAt(count: () => Promise<number>, expected: number, what: string): Promise<number> {
  return eventually(async () => ((await count()) === expected ? expected : undefined), 30_000, what);
}

export interface TriggeredRun {
  status: unknown;
  /** JSON of the trigger node's first output item. */
  json: unknown;
}

/** The stored executions a trigger started for a workflow (mode `trigger`), in start order. */
export async function triggeredRuns(t: TestApp, workflowId: string, node: string): Promise<TriggeredRun[]> {
  const rows = await t.ctx.database.db
    .selectFrom('executions')
    .select(['id'])
    .where('workflow_id', '=', workflowId)
    .where('mode', '=', 'trigger')
    .orderBy('created_at')
    .execute();
  const out: TriggeredRun[] = [];
  for (const row of rows) {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/executions/${row.id}` });
    const body: unknown = JSON.parse(response.body);
    out.push({
      status: pick(body, 'status'),
      json: pick(body, 'runData', node, 0, 'output', 0, 0, 'json'),
    });
  }
  return out;
}

function pick(value: unknown, ...path: (string | number)[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Reflect.get(current, key);
  }
  return current;
}

export interface PrivateMosquitto {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

/**
 * A Mosquitto of the test's own (the shared one allows anonymous clients, so
 * it cannot refuse a wrong password): same binary, a password file, a free port.
 */
export async function startMosquitto(): Promise<PrivateMosquitto> {
  const dir = await mkdtemp(join(tmpdir(), 'gx-mosquitto-'));
  const user = 'gx';
  const password = randomBytes(6).toString('hex');
  const passwords = join(dir, 'passwords');
  await run('mosquitto_passwd', ['-b', '-c', passwords, user, password]);
  const port = await freePort();
  const config = join(dir, 'mosquitto.conf');
  await writeFile(
    config,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous false',
      `password_file ${passwords}`,
      'persistence false',
      'user root',
      '',
    ].join('\n'),
  );
  const child = spawn('mosquitto', ['-c', config], { stdio: 'ignore' });
  await eventually(async () => ((await listening(port)) ? true : undefined), 30_000, 'mosquitto to listen');
  return {
    port,
    user,
    password,
    async stop() {
      child.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on the loopback port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Established TCP connections to a local port, as the kernel sees them (any client process). */
export async function tcpConnections(port: number): Promise<number> {
  const { stdout } = await run('ss', ['-Htn', 'state', 'established', `( dport = :${port} )`]);
  return stdout.split('\n').filter((line) => line.trim() !== '').length;
}

export interface PrivateNats {
  port: number;
  user: string;
  password: string;
  url: string;
  stop(): Promise<void>;
  /** Stops the server and starts it again on the same port and JetStream store (a broker restart). */
  restart(): Promise<void>;
}

/** A nats-server of the test's own, with JetStream and a user/password (the shared one has no auth). */
export async function startNats(): Promise<PrivateNats> {
  const dir = await mkdtemp(join(tmpdir(), 'gx-nats-'));
  const user = 'gx';
  const password = randomBytes(6).toString('hex');
  const port = await freePort();
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir, '--user', user, '--pass', password];
  let child = spawn('nats-server', args, { stdio: 'ignore' });
  const up = () =>
    eventually(async () => ((await listening(port)) ? true : undefined), 30_000, 'nats-server to listen');
  const down = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await exited;
  };
  await up();
  return {
    port,
    user,
    password,
    url: `nats://127.0.0.1:${port}`,
    async stop() {
      await down();
      await rm(dir, { recursive: true, force: true });
    },
    async restart() {
      await down();
      child = spawn('nats-server', args, { stdio: 'ignore' });
      await up();
    },
  };
}

/**
 * A test app whose executions run in the server process (a registry of its
 * own: no worker pool). These tests are about the listeners; the worker pool
 * has tests of its own.
 */
export async function triggerTestApp(): Promise<TestApp> {
  const registry = new NodeRegistry();
  const builtin = await builtinNodes();
  for (const definition of builtin.list()) registry.register(definition);
  for (const type of builtin.listCredentialTypes()) registry.registerCredentialType(type);
  return createTestApp('sqlite', { registry });
}
