import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { ownerAuthorization } from '../../testing/http-sign-in.ts';
import { repoRoot, serverArgs } from '../../testing/server-process.ts';
import { eventually, everySecond, scheduledTicks } from './schedule-test-kit.ts';

interface Server {
  child: ChildProcess;
  url: string;
  startedAt: number;
  /** Ticks this process claimed, from its JSON log. */
  ticks(): string[];
  stop(): Promise<void>;
}

async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const startedAt = Date.now();
  const child = spawn(process.execPath, serverArgs(), {
    cwd: repoRoot,
    env: { ...process.env, GUIXU_DATA_DIR: dataDir, GUIXU_PORT: '0', GUIXU_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exit = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await eventually(
    async () => /"url":"(http:\/\/[^"]+)"/.exec(output)?.[1],
    60_000,
    'the server to listen',
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : error}; output:\n${output}`);
  });
  const lines = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line): unknown => JSON.parse(line));
  return {
    child,
    url,
    startedAt,
    ticks: () =>
      lines().flatMap((line) =>
        typeof line === 'object' &&
        line !== null &&
        'msg' in line &&
        line.msg === 'schedule tick claimed' &&
        'tick' in line &&
        typeof line.tick === 'string'
          ? [line.tick]
          : [],
      ),
    async stop() {
      child.kill('SIGTERM');
      await exit;
    },
  };
}

async function post(url: string, body?: unknown): Promise<unknown> {
  const base = new URL(url).origin;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      ...(await ownerAuthorization(base)),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

const atLeast = (server: Server, n: number) =>
  eventually(async () => (server.ticks().length >= n ? true : undefined), 20_000, `${n} ticks`);

describe('schedules across restarts of the server process', () => {
  it('resume after a restart, skip or fire once the ticks missed while down, and never fire a tick twice', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'guixu-schedule-'));
    const first = await startServer(dataDir);
    const created = await post(`${first.url}/api/v1/workflows`, {
      name: 'Every second',
      nodes: [everySecond()],
      connections: {},
    });
    const id = typeof created === 'object' && created !== null && 'id' in created ? String(created.id) : '';
    await post(`${first.url}/api/v1/workflows/${id}/activate`);
    await atLeast(first, 2);
    await first.stop();

    // Default policy "skip": ticks missed while down are dropped.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const second = await startServer(dataDir);
    await atLeast(second, 2);
    await second.stop();
    const restartedAt = second.startedAt;
    for (const tick of second.ticks()) expect(Date.parse(tick)).toBeGreaterThan(restartedAt - 1000);

    // "fireOnce": exactly one run for the ticks missed while down, then the schedule goes on.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const stoppedAt = Date.now();
    const third = await startServer(dataDir, { GUIXU_SCHEDULE_MISSED: 'fireOnce' });
    await atLeast(third, 3);
    await third.stop();
    const missed = third.ticks().filter((tick) => Date.parse(tick) < stoppedAt);
    expect(missed).toHaveLength(1);

    const claimed = [...first.ticks(), ...second.ticks(), ...third.ticks()];
    expect(new Set(claimed).size).toBe(claimed.length);
    const database = await openDatabase({ kind: 'sqlite', file: join(dataDir, 'guixu.sqlite') });
    try {
      const stored = await scheduledTicks(database, id);
      expect(new Set(stored).size).toBe(stored.length);
      expect(stored.length).toBeGreaterThanOrEqual(claimed.length - 3);
      for (const tick of stored) expect(claimed).toContain(tick);
    } finally {
      await database.close();
    }
  }, 240_000);
});
