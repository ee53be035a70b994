import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GuixuError } from '@guixu/core';

export const KEY_FILE_NAME = 'encryption.key';

export interface InstanceKey {
  key: Buffer;
  /** Where it came from, for messages: the environment variable or the file path. */
  source: string;
  /** The key file, when the key lives in one (rotation rewrites it). */
  file?: string;
}

/**
 * Accepts 64 hex characters or base64/base64url of 32 bytes; any other text
 * is stretched with SHA-256 so a passphrase still works (documented as weaker).
 */
export function parseKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed, 'base64url');
    if (bytes.length === 32) return bytes;
  }
  if (trimmed.length < 16) {
    throw new GuixuError(
      'ENCRYPTION_KEY_INVALID',
      `${source} must be 32 bytes as 64 hex characters or base64, or a passphrase of at least 16 characters`,
      { audience: 'operator', details: { source } },
    );
  }
  // A passphrase: hashed to the 32 bytes AES-256 needs.
  return createHash('sha256').update(trimmed, 'utf8').digest();
}

export interface LoadKeyOptions {
  dataDir: string;
  env?: Record<string, string | undefined>;
  /** Create the key file when there is none (server start); the CLI's read-only commands pass false. */
  create?: boolean;
}

/** `GUIXU_ENCRYPTION_KEY`, else `<dataDir>/encryption.key` (created with 0600 on first start). */
export function loadInstanceKey(options: LoadKeyOptions): InstanceKey {
  const env = options.env ?? process.env;
  const fromEnv = env.GUIXU_ENCRYPTION_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    return { key: parseKey(fromEnv, 'GUIXU_ENCRYPTION_KEY'), source: 'GUIXU_ENCRYPTION_KEY' };
  }
  const file = join(options.dataDir, KEY_FILE_NAME);
  if (existsSync(file)) {
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new GuixuError(
        'ENCRYPTION_KEY_FILE_INSECURE',
        `${file} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${file}`,
        { audience: 'operator', details: { file } },
      );
    }
    return { key: parseKey(readFileSync(file, 'utf8'), file), source: file, file };
  }
  if (options.create === false) {
    throw new GuixuError(
      'ENCRYPTION_KEY_MISSING',
      `No encryption key: set GUIXU_ENCRYPTION_KEY or start the server once to create ${file}`,
      { audience: 'operator', details: { file } },
    );
  }
  const key = randomBytes(32);
  writeKeyFile(file, key);
  return { key, source: file, file };
}

/** Writes atomically (temp file + rename) with 0600, so a crash never leaves half a key. */
export function writeKeyFile(file: string, key: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
