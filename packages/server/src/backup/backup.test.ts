import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../app.ts';
import type { ServerConfig } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { createLogger } from '../logger.ts';
import { securityDb } from '../security/tables.ts';
import { login } from '../security/testing/identities.ts';
import { webhookWorkflow } from '../testing/sample-workflows.ts';
import { createTestApp } from '../testing/test-app.ts';
import { BACKENDS, testDatabaseConfig } from '../testing/test-database.ts';
import { createBackup, restoreBackup } from './backup.ts';

const idOf = (body: unknown) => z.object({ id: z.string() }).parse(body).id;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function appOn(config: ServerConfig) {
  const database = await openDatabase(config.database);
  const { app, ctx } = await buildApp({ config, database, logger: createLogger('silent') });
  return {
    app,
    ctx,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** The restored PostgreSQL schema outlives the test app that created the original. */
async function dropSchema(config: ServerConfig): Promise<void> {
  if (config.database.kind !== 'postgres' || config.database.schema === undefined) return;
  const admin = await openDatabase({ kind: 'postgres', url: config.database.url });
  try {
    await sql`drop schema if exists ${sql.id(config.database.schema)} cascade`.execute(admin.db);
  } finally {
    await admin.close();
  }
}

describe.each(BACKENDS)('guixu backup / restore on %s', (kind) => {
  it('round-trips while the server runs: backup, wipe, restore; workflows, sign-in and credentials come back', async () => {
    const t = await createTestApp(kind);
    const config: ServerConfig = { ...t.config, dataDir: mkdtempSync(join(tmpdir(), 'guixu-restored-')) };
    const workflow = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      payload: webhookWorkflow('Kept'),
    });
    const workflowId = idOf(workflow.json());
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      payload: { name: 'Basic', type: 'httpBasicAuth', data: { user: 'ada', password: 's3cret-Pass-kept' } },
    });
    expect(created.statusCode).toBe(201);
    const credentialId = idOf(created.json());

    const dir = join(mkdtempSync(join(tmpdir(), 'guixu-backup-')), 'backup');
    const manifest = await createBackup(t.config, { dir, guixuVersion: '0.1.0' });
    expect(manifest).toMatchObject({
      database: kind,
      keyIncluded: true,
      migrations: expect.arrayContaining(['0001-initial']),
    });
    expect(readdirSync(dir).sort()).toEqual(
      ['encryption.key', 'manifest.json', kind === 'sqlite' ? 'database.sqlite' : 'database.jsonl'].sort(),
    );
    expect(statSync(join(dir, 'encryption.key')).mode & 0o077).toBe(0);
    // Wipe: the database (file or schema) and the data directory with its key file go.
    await t.dispose();
    if (kind === 'sqlite')
      expect(existsSync(config.database.kind === 'sqlite' ? config.database.file : '')).toBe(false);

    const report = await restoreBackup(config, { dir });
    expect(report.key.outcome).toBe('written');
    const restored = await appOn(config);
    cleanups.push(async () => {
      await restored.close();
      await dropSchema(config);
    });
    const owner = await login(restored.app, 'owner@example.com');
    const kept = await restored.app.inject({
      method: 'GET',
      url: `/api/v1/workflows/${workflowId}`,
      headers: owner.headers,
    });
    expect(kept.json()).toMatchObject({ name: 'Kept' });
    const credential = await restored.app.inject({
      method: 'GET',
      url: `/api/v1/credentials/${credentialId}`,
      headers: owner.headers,
    });
    expect(credential.statusCode).toBe(200);
    expect(credential.json()).toMatchObject({ data: { user: 'ada' } });
    const row = await securityDb(restored.ctx.database)
      .selectFrom('credentials')
      .select('data')
      .where('id', '=', credentialId)
      .executeTakeFirstOrThrow();
    expect(restored.ctx.services.get('credentials').decrypt(row)).toMatchObject({
      password: 's3cret-Pass-kept',
    });
  });

  it('refuses to restore over data, or with another key, and leaves things as they were', async () => {
    const t = await createTestApp(kind);
    cleanups.push(() => t.dispose());
    const dir = join(mkdtempSync(join(tmpdir(), 'guixu-backup-')), 'backup');
    await createBackup(t.config, { dir, guixuVersion: '0.1.0', withoutKey: true });
    expect(existsSync(join(dir, 'encryption.key'))).toBe(false);
    await expect(restoreBackup(t.config, { dir })).rejects.toMatchObject({
      code: 'RESTORE_TARGET_NOT_EMPTY',
    });
    // Into an empty database, but with another key configured: refused before anything is written.
    const fresh = testDatabaseConfig(kind);
    cleanups.push(fresh.cleanup);
    const otherKey: ServerConfig = {
      ...t.config,
      database: fresh.config,
      dataDir: mkdtempSync(join(tmpdir(), 'guixu-k-')),
      encryptionKey: 'a-different-passphrase-of-length',
    };
    await expect(restoreBackup(otherKey, { dir })).rejects.toMatchObject({ code: 'RESTORE_KEY_MISMATCH' });
    const still = await t.app.inject({ method: 'GET', url: '/api/v1/workflows' });
    expect(still.statusCode).toBe(200);
  });
});
