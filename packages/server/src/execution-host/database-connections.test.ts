import { randomBytes } from 'node:crypto';
import { executionStartedSchema } from '@guixu/api';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Database nodes keep pools per thread (execution workers, or the server
 * thread with GUIXU_EXECUTION_WORKERS=0). Against the local PostgreSQL and
 * Redis: a run through the API opens them, and closing the server ends every
 * one. The node signs in as a role/ACL user of this test so its connections
 * can be counted. The store backend does not matter here: SQLite only.
 */
const id = randomBytes(4).toString('hex');
const pgRole = `gx_srv_${id}`;
const redisUser = `gx_srv_${id}`;
const redisPassword = `pw-${id}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres' });
const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });

async function counts(): Promise<{ pg: number; redis: number }> {
  const result = await admin.query<{ n: string }>(
    'SELECT count(*) AS n FROM pg_stat_activity WHERE usename = $1',
    [pgRole],
  );
  const list = String(await redis.call('CLIENT', 'LIST'));
  return {
    pg: Number(result.rows[0]?.n ?? -1),
    redis: list.split('\n').filter((line) => line.includes(` user=${redisUser} `)).length,
  };
}

/** The servers see a closed socket a moment later: look again until they do (bounded). */
async function settledCounts(): Promise<{ pg: number; redis: number }> {
  let current = await counts();
  for (let attempt = 0; attempt < 100 && (current.pg > 0 || current.redis > 0); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    current = await counts();
  }
  return current;
}

const quiet = { warn: () => undefined, error: () => undefined };

function node(
  name: string,
  type: string,
  x: number,
  parameters: Record<string, unknown>,
  credentials?: object,
) {
  return {
    id: name,
    name,
    type,
    typeVersion: 1,
    position: [x, 0],
    parameters,
    ...(credentials ? { credentials } : {}),
  };
}

beforeAll(async () => {
  await admin.connect();
  await redis.connect();
  await admin.query(`CREATE ROLE ${pgRole} LOGIN`);
  await redis.call('ACL', 'SETUSER', redisUser, 'on', `>${redisPassword}`, `~gx:${id}:*`, '+@all');
});

afterAll(async () => {
  await admin.query(`DROP ROLE IF EXISTS ${pgRole}`);
  await redis.del(`gx:${id}:runs`);
  await redis.call('ACL', 'DELUSER', redisUser);
  await admin.end();
  await redis.quit();
});

describe.each([
  ['execution worker threads', '1'],
  ['the server thread', '0'],
])('database connections of runs on %s', (_where, workers) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { env: { GUIXU_EXECUTION_WORKERS: workers } });
  });
  afterAll(async () => {
    await t.dispose();
  });

  async function call(method: 'POST' | 'GET', url: string, payload?: Record<string, unknown>) {
    const res = await t.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
    return {
      status: res.statusCode,
      body: res.body,
      json: (res.body === '' ? undefined : JSON.parse(res.body)) as unknown,
    };
  }

  it('opens them for a run and closes them all when the server shuts down', async () => {
    const workflow = await call('POST', '/api/v1/workflows', {
      name: `Databases ${workers}`,
      nodes: [
        node('Start', 'guixu.manualTrigger', 0, {}),
        node(
          'PG',
          'guixu.postgres',
          200,
          {
            operation: 'executeQuery',
            query: 'SELECT $1::int + 1 AS n',
            options: { queryReplacement: '41' },
          },
          { postgres: { id: null, name: 'Warehouse' } },
        ),
        node(
          'Cache',
          'guixu.redis',
          400,
          { operation: 'incr', key: `gx:${id}:runs` },
          { redis: { id: null, name: 'Cache' } },
        ),
      ],
      connections: {
        Start: { main: [[{ node: 'PG', type: 'main', index: 0 }]] },
        PG: { main: [[{ node: 'Cache', type: 'main', index: 0 }]] },
      },
    });
    expect(workflow.status).toBe(201);
    const { id: workflowId, projectId } = z
      .object({ id: z.string(), projectId: z.string() })
      .parse(workflow.json);
    const credentials = [
      {
        name: 'Warehouse',
        type: 'postgres',
        data: { host: '127.0.0.1', port: 5432, database: 'test', user: pgRole, password: 'pg-secret-value' },
      },
      {
        name: 'Cache',
        type: 'redis',
        data: { host: '127.0.0.1', port: 6379, user: redisUser, password: redisPassword },
      },
    ];
    for (const credential of credentials) {
      expect((await call('POST', '/api/v1/credentials', { ...credential, projectId })).status).toBe(201);
    }

    const run = await call('POST', `/api/v1/workflows/${workflowId}/run`, { wait: true });
    const started = executionStartedSchema.parse(run.json);
    expect(started.error ?? null).toBeNull();
    expect(started.status).toBe('success');
    expect(started.items?.[0]?.json).toEqual({ [`gx:${id}:runs`]: expect.any(Number) });
    expect(run.body).not.toContain('pg-secret-value');
    expect(run.body).not.toContain(redisPassword);
    expect(await counts()).toEqual({ pg: 1, redis: 1 });

    // The server's shutdown (server.ts): drain, close HTTP, then the close hooks (the execution host).
    await t.ctx.lifecycle.runPhase('drain', quiet);
    await t.app.close();
    await t.ctx.lifecycle.runPhase('close', quiet);
    expect(await settledCounts()).toEqual({ pg: 0, redis: 0 });
  });
});
