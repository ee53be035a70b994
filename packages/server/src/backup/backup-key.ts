import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { GuixuError } from '@guixu/core';
import type { ServerConfig } from '../config.ts';
import { keyId } from '../security/encryption.ts';
import {
  type InstanceKey,
  KEY_FILE_NAME,
  loadInstanceKey,
  parseKey,
  writeKeyFile,
} from '../security/instance-key.ts';
import { KEY_FILE } from './manifest.ts';

/** The key the instance uses now: `GUIXU_ENCRYPTION_KEY` (environment or `.env`), else the data directory's file. */
export function currentKey(config: ServerConfig, create = false): InstanceKey {
  return loadInstanceKey({
    dataDir: config.dataDir,
    env: { GUIXU_ENCRYPTION_KEY: config.encryptionKey },
    create,
  });
}

export function writeBackupKey(dir: string, key: Buffer): void {
  writeKeyFile(join(dir, KEY_FILE), key);
}

export function readBackupKey(dir: string): Buffer {
  return parseKey(readFileSync(join(dir, KEY_FILE), 'utf8'), join(dir, KEY_FILE));
}

export interface KeyRestore {
  /** Where the key went, or why nothing was written. */
  outcome: 'written' | 'already in place' | 'from GUIXU_ENCRYPTION_KEY';
  file?: string;
  /** A different key file that was there, kept under this name (with `force`). */
  keptPrevious?: string;
}

/**
 * Makes the instance use the backup's key. With GUIXU_ENCRYPTION_KEY set, the
 * key must be the backup's (nothing is written); otherwise the key file in the
 * data directory is written, and a different key file already there is kept
 * aside only with `force`.
 */
export function restoreKey(
  config: ServerConfig,
  expectedKeyId: string,
  fromBackup: Buffer | undefined,
  force: boolean,
): KeyRestore {
  const mismatch = (what: string) =>
    new GuixuError(
      'RESTORE_KEY_MISMATCH',
      `${what} is not the key the backup's credentials are encrypted with (key id ${expectedKeyId})`,
      {
        audience: 'operator',
        description: fromBackup
          ? 'Unset GUIXU_ENCRYPTION_KEY to use the key in the backup, or set it to that key.'
          : 'The backup holds no key: set GUIXU_ENCRYPTION_KEY to the key that was in use when it was taken.',
      },
    );
  if (config.encryptionKey !== undefined) {
    if (keyId(parseKey(config.encryptionKey, 'GUIXU_ENCRYPTION_KEY')) !== expectedKeyId)
      throw mismatch('GUIXU_ENCRYPTION_KEY');
    return { outcome: 'from GUIXU_ENCRYPTION_KEY' };
  }
  const file = join(config.dataDir, KEY_FILE_NAME);
  const present = existsSync(file) ? currentKey(config) : undefined;
  if (present && keyId(present.key) === expectedKeyId) return { outcome: 'already in place', file };
  if (!fromBackup && present) throw mismatch(file);
  if (!fromBackup) {
    throw new GuixuError(
      'RESTORE_KEY_MISSING',
      `No encryption key is configured and the backup holds none (its credentials need key id ${expectedKeyId})`,
      {
        audience: 'operator',
        description:
          'The backup holds no key: set GUIXU_ENCRYPTION_KEY to the key that was in use when it was taken.',
      },
    );
  }
  let keptPrevious: string | undefined;
  if (present) {
    if (!force) {
      throw new GuixuError('RESTORE_KEY_EXISTS', `${file} holds another key; restoring would replace it`, {
        audience: 'operator',
        description:
          'Run again with --force to keep it as encryption.key.before-restore and install the backup key.',
      });
    }
    keptPrevious = `${file}.before-restore-${Date.now()}`;
    renameSync(file, keptPrevious);
  }
  writeKeyFile(file, fromBackup);
  return { outcome: 'written', file, ...(keptPrevious ? { keptPrevious } : {}) };
}
