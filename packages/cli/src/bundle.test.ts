import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bundleState } from '../../../scripts/bundle-state.mjs';
import { webhookWorkflow } from '../../server/src/testing/sample-workflows.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');
const bundle = join(root, 'dist/guixu.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'guixu-bundle-'));
const env = { ...process.env, GUIXU_DATA_DIR: dataDir, GUIXU_LOG_LEVEL: 'warn' };

const webhookDocument = webhookWorkflow('Bundle check', 'bundle-check');

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

describe('bundle freshness (which the guixu bin and `npm start` decide on)', () => {
  const tree = mkdtempSync(join(tmpdir(), 'guixu-bundle-state-'));
  const at = (path: string, seconds: number) => utimesSync(join(tree, path), seconds, seconds);

  it('is missing, fresh, then stale after a source changes or a file is deleted', () => {
    mkdirSync(join(tree, 'packages/core/src/engine'), { recursive: true });
    writeFileSync(join(tree, 'packages/core/src/engine/run.ts'), '');
    writeFileSync(join(tree, 'packages/core/src/engine/old.ts'), '');
    for (const path of ['packages/core/src/engine/run.ts', 'packages/core/src/engine/old.ts'])
      at(path, 1_000);
    for (const dir of ['packages/core/src/engine', 'packages/core/src']) at(dir, 1_000);
    expect(bundleState(tree)).toBe('missing');

    mkdirSync(join(tree, 'dist'));
    writeFileSync(join(tree, 'dist/guixu.mjs'), '');
    at('dist/guixu.mjs', 2_000);
    expect(bundleState(tree)).toBe('fresh');

    writeFileSync(join(tree, 'packages/core/src/engine/run.test.ts'), '');
    at('packages/core/src/engine/run.test.ts', 3_000);
    at('packages/core/src/engine', 1_000);
    expect(bundleState(tree), 'tests are not part of the bundle').toBe('fresh');

    at('packages/core/src/engine/run.ts', 3_000);
    expect(bundleState(tree)).toBe('stale');
    at('packages/core/src/engine/run.ts', 1_000);

    rmSync(join(tree, 'packages/core/src/engine/old.ts'));
    expect(bundleState(tree), 'a deleted source changes its directory').toBe('stale');
  });
});

// The production build (`npm start` runs it too): dist/ from the sources as they are now.
beforeAll(async () => {
  await run(process.execPath, [join(root, 'scripts/build.mjs'), '--quiet'], { cwd: root });
}, 120_000);

describe('the production bundle', () => {
  it('prints the version of package.json', async () => {
    const { stdout } = await run(process.execPath, [bundle, '--version'], { cwd: tmpdir(), env });
    expect(stdout).toBe(`guixu ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`);
  });

  it('lists the same node types as discovery from the sources', async () => {
    const { stdout } = await run(process.execPath, [bundle, 'nodes', 'list', '--json'], { cwd: root, env });
    const listed: unknown = JSON.parse(stdout);
    expect(Array.isArray(listed)).toBe(true);
    const types = (Array.isArray(listed) ? listed : []).map((n: unknown) =>
      typeof n === 'object' && n !== null && 'type' in n ? n.type : undefined,
    );
    const fromSources = (await builtinNodes()).list().map((d) => d.type);
    expect(types.sort()).toEqual(fromSources.sort());
  });

  it('runs a Code node in a sandbox process started from the bundled entry', async () => {
    const { stdout } = await run(
      process.execPath,
      [bundle, 'workflow', 'run', join(root, 'examples/code-summarize.json')],
      { cwd: root, env },
    );
    expect(JSON.parse(stdout)).toContainEqual({ customer: 'Ada', sum_amount: 265, count_id: 2 });
  });

  describe('guixu start', () => {
    let server: ChildProcess;
    let output = '';
    let base = '';

    beforeAll(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      server = spawn(process.execPath, [bundle, 'start'], {
        cwd: root,
        env: { ...env, GUIXU_PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server.stdout?.on('data', (d: Buffer) => {
        output += d.toString();
      });
      server.stderr?.on('data', (d: Buffer) => {
        output += d.toString();
      });
    });

    afterAll(async () => {
      if (server.exitCode === null) {
        const exited = new Promise((done) => server.once('exit', done));
        server.kill('SIGTERM');
        await exited;
      }
    });

    it('migrates a fresh data directory and answers /healthz', async () => {
      let response: Response | undefined;
      for (let i = 0; i < 600 && !response?.ok; i++) {
        if (server.exitCode !== null) throw new Error(`guixu start exited:\n${output}`);
        response = await fetch(`${base}/healthz`).catch(() => undefined);
        if (!response?.ok) await new Promise((done) => setTimeout(done, 100));
      }
      expect(response?.status, output).toBe(200);
      const setup = await fetch(`${base}/api/v1/setup`);
      expect(await setup.json()).toMatchObject({ ownerExists: false });
      const openapi = await fetch(`${base}/api/v1/openapi.json`);
      expect(await openapi.json()).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });
      // The API reference's browser bundle is a file its package reads at run time.
      const docs = await fetch(`${base}/docs/js/scalar.js`);
      expect(docs.status).toBe(200);
      expect((await docs.text()).length).toBeGreaterThan(100_000);
    });

    // Exercises the bundled dependencies end to end: argon2 (external, loaded lazily),
    // the engine and expressions, fastify's validation, and WebSocket push (ws).
    it('serves an owner, an active webhook workflow and WebSocket push', async () => {
      const post = async (path: string, body: unknown, token?: string) => {
        const response = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(body),
        });
        const value: unknown = await response.json();
        expect(response.ok, `${path}: ${JSON.stringify(value)}`).toBe(true);
        return typeof value === 'object' && value !== null ? value : {};
      };
      const session = await post('/api/v1/setup/owner', {
        email: 'owner@example.com',
        password: 'bundle check 1234',
        tokens: 'body',
      });
      const token =
        'accessToken' in session && typeof session.accessToken === 'string' ? session.accessToken : '';
      const created = await post('/api/v1/workflows', webhookDocument, token);
      const id = 'id' in created ? String(created.id) : '';
      await post(`/api/v1/workflows/${id}/activate`, {}, token);
      expect(await post('/webhook/bundle-check', { name: 'Ada' })).toEqual({ greeting: 'Hello Ada' });

      const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/push`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const subscribed = new Promise<unknown>((done, fail) => {
        socket.on('message', (data) => {
          const message: unknown = JSON.parse(String(data));
          if (JSON.stringify(message).includes(id)) done(message);
        });
        socket.once('error', fail);
      });
      await new Promise((done, fail) => {
        socket.once('open', done);
        socket.once('error', fail);
      });
      socket.send(JSON.stringify({ type: 'subscribe', workflowId: id }));
      expect(await subscribed).toMatchObject({ type: 'subscriptions', workflowIds: [id] });
      socket.close();
    });

    it('stops cleanly on SIGTERM', async () => {
      const exited = new Promise<number | null>((done) => server.once('exit', (code) => done(code)));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
    });
  });
});
