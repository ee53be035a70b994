import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { buildApp, type GuixuApp } from '../../app.ts';
import { loadConfig, type ServerConfig } from '../../config.ts';
import { openDatabase } from '../../db/open.ts';
import { Lifecycle } from '../../lifecycle.ts';
import { createLogger } from '../../logger.ts';
import { TEST_POSTGRES_URL } from '../../testing/test-database.ts';
import { queueKeys, redisConnection } from '../redis.ts';

/** The Redis of the test machine; override with GUIXU_TEST_REDIS_URL. */
export const TEST_REDIS_URL = process.env.GUIXU_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Env of one test cluster: its own key prefix (cleaned by `dropQueue`). */
export function queueEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    GUIXU_QUEUE_URL: TEST_REDIS_URL,
    GUIXU_QUEUE_PREFIX: `gq-${randomBytes(5).toString('hex')}`,
    DATABASE_URL: TEST_POSTGRES_URL,
    ...extra,
  };
}

/**
 * A worker process's app in this process, on the main's database: the worker
 * features started (BullMQ consumer, heartbeats), no HTTP listener. With
 * `sharedDataDir` it uses the main's data directory (binary data readable by
 * both, as a shared volume in a cluster); one such worker per main. `role`
 * starts a main or a webhook process the same way instead (its features
 * started: elections, schedules, wake-ups, as `guixu start` does).
 */
export async function startTestWorker(
  main: ServerConfig,
  env: Record<string, string>,
  options: { sharedDataDir?: boolean; role?: 'worker' | 'main' | 'webhook' } = {},
): Promise<{ app: GuixuApp; close(): Promise<void> }> {
  const role = options.role ?? 'worker';
  const shared = options.sharedDataDir === true;
  const dataDir = shared ? main.dataDir : mkdtempSync(join(tmpdir(), `guixu-${role}-`));
  // Every process of a cluster shares the encryption key (docs/scaling.md).
  const key = join(main.dataDir, 'encryption.key');
  if (!shared && existsSync(key)) copyFileSync(key, join(dataDir, 'encryption.key'));
  const config: ServerConfig = {
    ...loadConfig({
      env: { GUIXU_DATA_DIR: dataDir, GUIXU_LOG_LEVEL: 'silent', ...env, GUIXU_PROCESS_ROLE: role },
      cwd: dataDir,
    }),
    database: main.database,
  };
  const database = await openDatabase(config.database);
  const lifecycle = new Lifecycle();
  const log = createLogger('silent');
  const app = await buildApp({
    config,
    database,
    logger: log,
    lifecycle,
    migrated: true,
  });
  await app.start();
  return {
    app,
    async close() {
      await lifecycle.runPhase('drain', log);
      await app.app.close();
      await lifecycle.runPhase('close', log);
      await database.close();
      if (!shared) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Removes every key of a test cluster. */
export async function dropQueue(env: Record<string, string>): Promise<void> {
  const prefix = env.GUIXU_QUEUE_PREFIX;
  if (!prefix) return;
  const keys = queueKeys(prefix);
  const redis = redisConnection(env.GUIXU_QUEUE_URL ?? TEST_REDIS_URL, 'blocking');
  const queue = new Queue(keys.queueName, { connection: redis, prefix });
  try {
    await queue.obliterate({ force: true });
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (found.length > 0) await redis.del(...found);
    } while (cursor !== '0');
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
