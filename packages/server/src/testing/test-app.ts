import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeRegistry } from '@guixu/core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig, type ServerConfig } from '../config.ts';
import type { Feature, ServerContext } from '../context.ts';
import { createLogger } from '../logger.ts';
import type { AccessControlOptions } from '../security/access-control.ts';
import { type Identity, rememberOwner, setupOwner } from '../security/testing/identities.ts';
import { injectingAs } from './default-identity.ts';
import { type BackendKind, openTestDatabase } from './test-database.ts';

export interface TestApp {
  /** `inject()` calls as the instance owner unless a request carries its own credentials (or `auth: 'none'`). */
  app: FastifyInstance;
  /** The same app without a default identity: requests carry only what they give. */
  raw: FastifyInstance;
  /** The instance owner the app signs in as (null with `auth: 'none'`). */
  owner: Identity | null;
  ctx: ServerContext;
  config: ServerConfig;
  dispose(): Promise<void>;
}

export interface TestAppOptions {
  registry?: NodeRegistry;
  features?: Feature[];
  env?: Record<string, string>;
  accessControl?: AccessControlOptions;
  /**
   * `owner` (default): the owner is created at once and `app.inject()` calls
   * as them; `none`: no account exists and requests are anonymous unless
   * they say otherwise (tests of setup, sign-in and access control).
   */
  auth?: 'owner' | 'none';
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
    ...(options.accessControl ? { accessControl: options.accessControl } : {}),
  });
  let owner: Identity | null = null;
  const signedIn = injectingAs(app, () => owner?.headers);
  if ((options.auth ?? 'owner') === 'owner') {
    // From an address of its own, so the owner's sign-in does not count against the tests' rate limits.
    owner = await setupOwner(app, 'owner@example.com', { remoteAddress: '127.0.0.254' });
    rememberOwner(app, owner);
    rememberOwner(signedIn, owner);
  }
  return {
    app: signedIn,
    raw: app,
    owner,
    ctx,
    config,
    async dispose() {
      await app.close();
      await testDb.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
