import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCli } from '../testing/capture-cli.ts';

// Port 1: nothing answers there, so restore's "is the server running?" check passes.
const base = { GUIXU_LOG_LEVEL: 'silent', GUIXU_PORT: '1', GUIXU_OWNER_PASSWORD: 'Terminal-pass-77' };

async function cli(env: Record<string, string>, ...argv: string[]) {
  return captureCli(argv, { cwd: tmpdir(), env: { ...base, ...env } });
}

describe('guixu backup / restore', () => {
  it('backs up with a warning about the key, and restores into a wiped data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'guixu-cli-backup-'));
    const env = { GUIXU_DATA_DIR: dataDir };
    expect((await cli(env, 'user', 'create-owner', '--email', 'root@example.com')).code).toBe(0);
    const target = join(mkdtempSync(join(tmpdir(), 'guixu-cli-b-')), 'nightly');

    const backup = await cli(env, 'backup', target);
    expect(backup.code).toBe(0);
    expect(backup.out).toContain(`Backed up the SQLite database`);
    expect(backup.err).toContain(`${target}/encryption.key decrypts every credential in this backup`);
    const again = await cli(env, 'backup', target);
    expect(again.code).toBe(1);
    expect(again.err).toContain('exists and is not an empty directory');

    const overData = await cli(env, 'restore', target);
    expect(overData.code).toBe(1);
    expect(overData.err).toContain('restoring would replace it');

    rmSync(dataDir, { recursive: true, force: true });
    const restored = await cli(env, 'restore', target);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('the credentials decrypt with key');
    expect(restored.out).toContain(`Encryption key written to ${join(dataDir, 'encryption.key')}`);
    expect(existsSync(join(dataDir, 'guixu.sqlite'))).toBe(true);
    // The owner came back with the database.
    const owner = await cli(env, 'user', 'create-owner', '--email', 'other@example.com');
    expect(owner.err).toMatch(/already exists/);
  });

  it('warns that a backup without the key needs the key kept apart, and says what is missing on restore', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'guixu-cli-backup-'));
    expect(
      (await cli({ GUIXU_DATA_DIR: dataDir }, 'user', 'create-owner', '--email', 'r@example.com')).code,
    ).toBe(0);
    const target = join(mkdtempSync(join(tmpdir(), 'guixu-cli-b-')), 'no-key');
    const backup = await cli({ GUIXU_DATA_DIR: dataDir }, 'backup', target, '--without-key');
    expect(backup.code).toBe(0);
    expect(backup.err).toContain('is NOT in the backup');
    const elsewhere = mkdtempSync(join(tmpdir(), 'guixu-cli-elsewhere-'));
    const restored = await cli({ GUIXU_DATA_DIR: elsewhere }, 'restore', target);
    expect(restored.code).toBe(1);
    expect(restored.err).toContain('The backup holds no key');
    expect((await cli({ GUIXU_DATA_DIR: elsewhere }, 'restore')).code).toBe(2);
  });
});
