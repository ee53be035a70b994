import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../../db/dialect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { openDatabase } from '../../db/open.ts';
import { serverArgs } from '../../testing/server-process.ts';
import { TEST_POSTGRES_URL } from '../../testing/test-database.ts';
import { dropQueue, TEST_REDIS_URL } from '../testing/queue-test-kit.ts';

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
export function freePort(): Promise<number> {
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

export interface ClusterProcess {
  role: 'main' | 'worker';
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * A queue-mode cluster of real processes (src/main.ts, from the bundle when fresh: server-process.ts) on one
 * PostgreSQL schema and one Redis key prefix, both unique to it.
 */
export class Cluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'guixu-chaos-'));
  readonly schema = `chaos_${randomBytes(5).toString('hex')}`;
  readonly prefix = `gq-chaos-${randomBytes(4).toString('hex')}`;
  readonly key = randomBytes(32).toString('hex');
  readonly processes = new Set<ClusterProcess>();
  database!: Database;
  private counter = 0;

  constructor(
    private readonly options: {
      redisUrl?: string;
      databaseUrl?: string;
      env?: Record<string, string>;
    } = {},
  ) {}

  get redisUrl(): string {
    return this.options.redisUrl ?? TEST_REDIS_URL;
  }

  async init(): Promise<void> {
    this.database = await openDatabase({ kind: 'postgres', url: TEST_POSTGRES_URL, schema: this.schema });
    await migrateToLatest(this.database);
  }

  /** Starts a main or a worker; resolves once it answers /healthz. */
  async spawn(role: 'main' | 'worker', env: Record<string, string> = {}): Promise<ClusterProcess> {
    const port = await freePort();
    const name = `${role}-${++this.counter}`;
    const dataDir = join(this.dir, name);
    const log = createWriteStream(join(this.dir, `${name}.log`));
    const child = spawn(process.execPath, serverArgs(), {
      env: {
        ...process.env,
        GUIXU_DATA_DIR: dataDir,
        GUIXU_PORT: String(port),
        GUIXU_HOST: '127.0.0.1',
        GUIXU_LOG_LEVEL: 'warn',
        DATABASE_URL: this.options.databaseUrl ?? TEST_POSTGRES_URL,
        GUIXU_DATABASE_SCHEMA: this.schema,
        GUIXU_QUEUE_URL: this.redisUrl,
        GUIXU_QUEUE_PREFIX: this.prefix,
        GUIXU_PROCESS_ROLE: role,
        GUIXU_ENCRYPTION_KEY: this.key,
        GUIXU_EXECUTION_WORKERS: process.env.GUIXU_CHAOS_EXECUTION_WORKERS ?? '1',
        GUIXU_WEBHOOK_RATE_LIMIT: '0',
        ...this.options.env,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const proc: ClusterProcess = { role, name, port, url: `http://127.0.0.1:${port}`, child, exited };
    this.processes.add(proc);
    void exited.then(() => this.processes.delete(proc));
    await this.healthy(proc);
    return proc;
  }

  private async healthy(proc: ClusterProcess): Promise<void> {
    const deadline = Date.now() + 120_000;
    let dead = false;
    void proc.exited.then(() => {
      dead = true;
    });
    while (Date.now() < deadline) {
      if (dead) throw new Error(`${proc.name} exited while starting (see ${this.dir}/${proc.name}.log)`);
      try {
        const response = await fetch(`${proc.url}/healthz`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${proc.name} did not start (see ${this.dir}/${proc.name}.log)`);
  }

  kill(proc: ClusterProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    proc.child.kill(signal);
    return proc.exited;
  }

  async dispose(keepDir = false): Promise<void> {
    await Promise.all([...this.processes].map((proc) => this.kill(proc)));
    if (this.database) {
      // GUIXU_CHAOS_KEEP=1 keeps the schema too, for a look at what the processes left.
      if (keepDir) console.log(`chaos cluster kept: ${this.dir}, schema ${this.schema}`);
      else await sql`drop schema if exists ${sql.id(this.schema)} cascade`.execute(this.database.db);
      await this.database.close();
    }
    // Its Redis keys go too (the shared Redis on 6379 outlives the test).
    // (A test's own Redis may be down, and it keeps nothing.)
    if (this.redisUrl === TEST_REDIS_URL) {
      await dropQueue({ GUIXU_QUEUE_URL: this.redisUrl, GUIXU_QUEUE_PREFIX: this.prefix }).catch(
        () => undefined,
      );
    }
    if (!keepDir) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The API as the instance owner of a cluster (through one of its mains). */
export class Api {
  private constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  static async owner(base: string): Promise<Api> {
    const response = await fetch(`${base}/api/v1/setup/owner`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'chaos@example.com',
        password: 'correct-Horse-9-battery',
        tokens: 'body',
      }),
    });
    const body: unknown = await response.json();
    const token =
      typeof body === 'object' &&
      body !== null &&
      'accessToken' in body &&
      typeof body.accessToken === 'string'
        ? body.accessToken
        : undefined;
    if (!token) throw new Error(`owner setup failed: ${response.status} ${JSON.stringify(body)}`);
    return new Api(base, token);
  }

  async call(method: string, path: string, payload?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  }

  /** Creates (and with `activate`, activates) a workflow; returns its id. */
  async workflow(document: object, activate: boolean): Promise<string> {
    const created = await this.call('POST', '/api/v1/workflows', document);
    const body = created.body;
    const id =
      typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string'
        ? body.id
        : undefined;
    if (created.status !== 201 || !id) throw new Error(`create failed: ${JSON.stringify(body)}`);
    if (activate) {
      const activated = await this.call('POST', `/api/v1/workflows/${id}/activate`);
      if (activated.status !== 200) throw new Error(`activate failed: ${JSON.stringify(activated.body)}`);
    }
    return id;
  }
}

/** Calls a webhook until it is accepted (429/503 are retried after their Retry-After); returns the execution id. */
export async function fireWebhook(
  base: string,
  path: string,
  payload: object,
): Promise<{ id: string; refused: number }> {
  let refused = 0;
  for (;;) {
    let response: Response | undefined;
    try {
      response = await fetch(`${base}/webhook/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
    } catch {
      response = undefined;
    }
    if (response?.ok) {
      await response.arrayBuffer();
      const id = response.headers.get('x-execution-id');
      if (!id) throw new Error('a webhook answered without an execution id');
      return { id, refused };
    }
    const status = response?.status ?? 0;
    if (response) await response.arrayBuffer();
    if (status !== 429 && status !== 503 && status !== 0) throw new Error(`webhook answered ${status}`);
    refused++;
    const after = Number(response?.headers.get('retry-after') ?? '1');
    await new Promise((resolve) => setTimeout(resolve, Math.max(100, after * 1000)));
  }
}
