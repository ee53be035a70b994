import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeRegistry } from '@guixu/core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig, type ServerConfig } from '../config.ts';
import type { Feature, ServerContext } from '../context.ts';
import { createLogger } from '../logger.ts';
import { type BackendKind, openTestDatabase } from './test-database.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: ServerContext;
  config: ServerConfig;
  dispose(): Promise<void>;
}

export interface TestAppOptions {
  registry?: NodeRegistry;
  features?: Feature[];
  env?: Record<string, string>;
}

/** The real app on a fresh, migrated database of the given kind, for `app.inject()`. */
export async function createTestApp(kind: BackendKind, options: TestAppOptions = {}): Promise<TestApp> {
  const testDb = await openTestDatabase(kind);
  const dataDir = mkdtempSync(join(tmpdir(), 'guixu-app-'));
  const config = {
    ...loadConfig({
      env: { GUIXU_DATA_DIR: dataDir, GUIXU_LOG_LEVEL: 'silent', ...options.env },
      cwd: dataDir,
    }),
    database: testDb.config,
  };
  const { app, ctx } = await buildApp({
    config,
    database: testDb.database,
    logger: createLogger('silent'),
    ...(options.registry ? { registry: options.registry } : {}),
    ...(options.features ? { features: options.features } : {}),
  });
  return {
    app,
    ctx,
    config,
    async dispose() {
      await app.close();
      await testDb.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
