import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import type { Feature } from './context.ts';
import { migrate, startServer } from './server.ts';
import { setupOwner } from './security/testing/identities.ts';
import { ownerAuthorization } from './testing/http-sign-in.ts';
import { webhookWorkflow } from './testing/sample-workflows.ts';
import { BACKENDS, testDatabaseConfig } from './testing/test-database.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');

describe.each(BACKENDS)('startServer on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('migrates, listens, runs shutdown hooks in order and closes the database', async () => {
    const { config: database, cleanup } = testDatabaseConfig(kind);
    cleanups.push(cleanup);
    const dataDir = mkdtempSync(join(tmpdir(), 'guixu-start-'));
    const config = {
      ...loadConfig({
        env: { GUIXU_DATA_DIR: dataDir, GUIXU_PORT: '0', GUIXU_LOG_LEVEL: 'silent' },
        cwd: dataDir,
      }),
      database,
    };
    expect((await migrate(config)).applied[0]).toBe('0001-initial');
    const order: string[] = [];
    const server = await startServer(config, {
      handleSignals: false,
      features: [
        {
          name: 'probe',
          setup(ctx) {
            ctx.lifecycle.onShutdown({
              name: 'drain probe',
              phase: 'drain',
              run: () => void order.push('drain'),
            });
            ctx.lifecycle.onShutdown({
              name: 'close probe',
              phase: 'close',
              run: () => void order.push('close'),
            });
          },
          start() {
            order.push('start');
          },
        },
      ],
    });
    const created = await fetch(`${server.url}/api/v1/workflows`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await ownerAuthorization(server.url)) },
      body: JSON.stringify({ name: 'over the wire' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBeTruthy();
    await Promise.all([server.close(), server.close()]);
    expect(order).toEqual(['start', 'drain', 'close']);
    await expect(server.ctx.database.ping()).rejects.toThrow();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe('restarting the server', () => {
  it('re-activates every active workflow before it listens', async () => {
    const { config: database, cleanup } = testDatabaseConfig('sqlite');
    const dataDir = mkdtempSync(join(tmpdir(), 'guixu-restart-'));
    const config = {
      ...loadConfig({
        env: { GUIXU_DATA_DIR: dataDir, GUIXU_PORT: '0', GUIXU_LOG_LEVEL: 'silent' },
        cwd: dataDir,
      }),
      database,
    };
    const activated: string[] = [];
    const recorder: Feature = {
      name: 'recorder',
      setup(ctx) {
        ctx.triggers = {
          activate: async (w) => void activated.push(`${w.id}@${w.version}`),
          deactivate: async () => {},
        };
      },
    };
    const first = await startServer(config, { handleSignals: false, features: [recorder] });
    const owner = (await setupOwner(first.app)).headers;
    const created = await first.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: { 'content-type': 'application/json', ...owner },
      payload: JSON.stringify(webhookWorkflow('Survives restarts', 'restart')),
    });
    const id: string = created.json().id;
    expect(
      (await first.app.inject({ method: 'POST', url: `/api/v1/workflows/${id}/activate`, headers: owner }))
        .statusCode,
    ).toBe(200);
    await first.close();
    expect(activated).toEqual([`${id}@1`]);

    const second = await startServer(config, { handleSignals: false, features: [recorder] });
    expect(activated).toEqual([`${id}@1`, `${id}@1`]);
    await second.close();
    await cleanup();
  });
});

function run(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'main.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

describe('the server process', () => {
  it('exits with code 1 and one line per bad setting', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'guixu-bad-'));
    const { exit, output } = run({ GUIXU_DATA_DIR: dataDir, GUIXU_PORT: 'http', GUIXU_MAX_PENDING: '-5' });
    expect(await exit).toBe(1);
    expect(output()).toContain('GUIXU_PORT: must be a whole number (got "http")');
    expect(output()).toContain('GUIXU_MAX_PENDING: must be a whole number (got "-5")');
    expect(output()).not.toMatch(/\bat .+\.ts:\d+/);
  });

  it('logs JSON, serves requests and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'guixu-proc-'));
    const { child, exit, output } = run({
      GUIXU_DATA_DIR: dataDir,
      GUIXU_PORT: '0',
      GUIXU_LOG_LEVEL: 'info',
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listen line in: ${output()}`)), 20_000);
      child.stdout?.on('data', () => {
        const match = /"url":"(http:\/\/[^"]+)"/.exec(output());
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const lines = output().trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(
      expect.arrayContaining(['database migrated', 'GuixuFlow is listening', 'shutting down', 'stopped']),
    );
  });
});
