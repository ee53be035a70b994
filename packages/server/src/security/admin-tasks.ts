import { existsSync, renameSync, unlinkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { GuixuError } from '@guixu/core';
import type { ServerConfig } from '../config.ts';
import type { Database } from '../db/dialect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { AccountService, type UserRow } from '../features/auth/accounts.ts';
import { SecurityCore } from './core.ts';
import { Cipher, isEnvelope } from './encryption.ts';
import { type InstanceKey, KEY_FILE_NAME, loadInstanceKey, parseKey, writeKeyFile } from './instance-key.ts';
import { securityDb } from './tables.ts';

/** The key the configuration module read (environment or `.env`), else the data directory's key file. */
function keyEnv(config: ServerConfig): Record<string, string | undefined> {
  return { GUIXU_ENCRYPTION_KEY: config.encryptionKey };
}

async function withDatabase<T>(config: ServerConfig, run: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database);
    return await run(database);
  } finally {
    await database.close();
  }
}

/** `guixu user create-owner`: the first account, from a terminal. */
export async function createOwner(
  config: ServerConfig,
  input: { email: string; password: string; displayName?: string },
): Promise<UserRow> {
  return withDatabase(config, async (database) => {
    const security = new SecurityCore(
      database,
      loadInstanceKey({ dataDir: config.dataDir, env: keyEnv(config) }),
      config.security,
    );
    await security.verifyKeyMatchesDatabase();
    const accounts = new AccountService(security);
    if (await accounts.ownerExists()) {
      throw new GuixuError(
        'OWNER_EXISTS',
        'The instance owner already exists; sign in, or create users from the UI/API',
      );
    }
    return accounts.create({
      email: input.email,
      password: input.password,
      role: 'owner',
      ...(input.displayName ? { displayName: input.displayName } : {}),
    });
  });
}

export interface RotationReport {
  credentials: number;
  variables: number;
  settings: number;
  oldKeyId: string;
  newKeyId: string;
  /** Where the new key went (key file), or the key itself to put in GUIXU_ENCRYPTION_KEY. */
  keyFile?: string;
  newKeyHex?: string;
  /** The previous key file, kept for backups taken before the rotation. */
  previousKeyFile?: string;
}

/** Every instance setting that holds an envelope (SSO client secret, canary): re-encrypted as text inside JSON. */
function reencryptJson(value: unknown, from: Cipher, to: Cipher): { value: unknown; changed: boolean } {
  if (typeof value === 'string' && isEnvelope(value))
    return { value: to.encrypt(from.decrypt(value)), changed: true };
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const r = reencryptJson(v, from, to);
      changed ||= r.changed;
      return r.value;
    });
    return { value: out, changed };
  }
  if (typeof value === 'object' && value !== null) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = reencryptJson(v, from, to);
      changed ||= r.changed;
      out[k] = r.value;
    }
    return { value: out, changed };
  }
  return { value, changed: false };
}

/**
 * `guixu credentials rotate-key`: re-encrypts every credential, secret
 * variable and encrypted setting with a new key in ONE transaction (all or
 * nothing), then installs the new key file. The new key is written to
 * `encryption.key.next` first, so a crash between commit and rename loses nothing.
 */
export async function rotateEncryptionKey(
  config: ServerConfig,
  options: { newKey?: string } = {},
): Promise<RotationReport> {
  const current: InstanceKey = loadInstanceKey({
    dataDir: config.dataDir,
    env: keyEnv(config),
    create: false,
  });
  const nextKey = options.newKey === undefined ? randomBytes(32) : parseKey(options.newKey, '--new-key');
  const from = new Cipher(current.key);
  const to = new Cipher(nextKey);
  if (from.keyId === to.keyId) {
    throw new GuixuError('ENCRYPTION_KEY_UNCHANGED', 'The new key is the key in use; nothing to rotate', {
      audience: 'operator',
    });
  }
  const staged = current.file === undefined ? undefined : `${current.file}.next`;
  if (staged !== undefined) {
    if (existsSync(staged)) renameSync(staged, `${staged}.stale-${Date.now()}`);
    writeKeyFile(staged, nextKey);
  }
  const counts = await withDatabase(config, async (database) => {
    const db = securityDb(database);
    const security = new SecurityCore(database, current, config.security);
    await security.verifyKeyMatchesDatabase();
    return db.transaction().execute(async (trx) => {
      const credentials = await trx.selectFrom('credentials').select(['id', 'data']).execute();
      for (const row of credentials) {
        await trx
          .updateTable('credentials')
          .set({ data: to.encrypt(from.decrypt(row.data)) })
          .where('id', '=', row.id)
          .execute();
      }
      const variables = await trx.selectFrom('variables').select(['id', 'value', 'secret']).execute();
      let secretVariables = 0;
      for (const row of variables) {
        if (!database.adapter.readBool(row.secret)) continue;
        secretVariables += 1;
        await trx
          .updateTable('variables')
          .set({ value: to.encrypt(from.decrypt(row.value)) })
          .where('id', '=', row.id)
          .execute();
      }
      const settings = await trx.selectFrom('instance_settings').select(['key', 'value']).execute();
      let changedSettings = 0;
      for (const row of settings) {
        const result = reencryptJson(database.adapter.readJson(row.value), from, to);
        if (!result.changed) continue;
        changedSettings += 1;
        await trx
          .updateTable('instance_settings')
          .set({ value: database.adapter.json(result.value) })
          .where('key', '=', row.key)
          .execute();
      }
      return { credentials: credentials.length, variables: secretVariables, settings: changedSettings };
    });
  }).catch((error: unknown) => {
    if (staged !== undefined && existsSync(staged)) unlinkSync(staged);
    throw error;
  });
  const report: RotationReport = { ...counts, oldKeyId: from.keyId, newKeyId: to.keyId };
  if (current.file !== undefined && staged !== undefined) {
    const previous = `${current.file}.previous-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(current.file, previous);
    renameSync(staged, current.file);
    report.keyFile = current.file;
    report.previousKeyFile = previous;
  } else {
    report.newKeyHex = nextKey.toString('hex');
  }
  return report;
}

export { KEY_FILE_NAME };
