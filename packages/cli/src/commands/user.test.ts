import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCli } from '../testing/capture-cli.ts';

async function cli(env: Record<string, string>, ...argv: string[]) {
  return captureCli(argv, { cwd: tmpdir(), env: { GUIXU_LOG_LEVEL: 'silent', ...env } });
}

describe('guixu user create-owner / credentials rotate-key', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guixu-cli-sec-'));

  it('creates the owner once, with the password from the environment', async () => {
    const env = { GUIXU_DATA_DIR: dataDir, GUIXU_OWNER_PASSWORD: 'Terminal-pass-77' };
    const missing = await cli(
      { GUIXU_DATA_DIR: dataDir },
      'user',
      'create-owner',
      '--email',
      'root@example.com',
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/GUIXU_OWNER_PASSWORD/);
    const weak = await cli(
      { ...env, GUIXU_OWNER_PASSWORD: 'weak' },
      'user',
      'create-owner',
      '--email',
      'root@example.com',
    );
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/at least 8 characters/);
    const ok = await cli(env, 'user', 'create-owner', '--email', 'root@example.com');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Created the owner root@example.com/);
    const again = await cli(env, 'user', 'create-owner', '--email', 'other@example.com');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists/);
  });

  it('rotates the key and keeps the previous key file', async () => {
    const res = await cli({ GUIXU_DATA_DIR: dataDir }, 'credentials', 'rotate-key');
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/key [0-9a-f]{8} → [0-9a-f]{8}/);
    expect(existsSync(join(dataDir, 'encryption.key'))).toBe(true);
    expect(readdirSync(dataDir).some((f) => f.startsWith('encryption.key.previous-'))).toBe(true);
    const bad = await cli({ GUIXU_DATA_DIR: dataDir }, 'credentials', 'rotate-key', '--new-key', 'short');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--new-key must be 32 bytes/);
  });
});
