import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { startServer } from '../server.ts';
import { BACKENDS } from '../testing/test-database.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { createOwner, rotateEncryptionKey } from './admin-tasks.ts';
import { createProject, json, login, TEST_PASSWORD } from './testing/identities.ts';

const SECRET = 'rotate-me-secret-9';

describe.each(BACKENDS)('owner creation and key rotation on %s', (kind) => {
  let t: TestApp;
  let credentialId = '';
  let projectId = '';
  beforeAll(async () => {
    t = await createTestApp(kind, { auth: 'none' });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('creates the owner from the terminal once', async () => {
    const user = await createOwner(t.config, { email: 'Root@Example.com', password: TEST_PASSWORD });
    expect(user).toMatchObject({ email: 'root@example.com', role: 'owner' });
    await expect(
      createOwner(t.config, { email: 'second@example.com', password: TEST_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'OWNER_EXISTS',
    });
    await expect(createOwner(t.config, { email: 'weak@example.com', password: 'abc' })).rejects.toMatchObject(
      {
        code: 'OWNER_EXISTS',
      },
    );
    const owner = await login(t.app, 'root@example.com');
    projectId = await createProject(t.app, owner, 'Keys');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: owner.headers,
      payload: { name: 'Rotated', type: 'httpBasicAuth', projectId, data: { user: 'u', password: SECRET } },
    });
    credentialId = (json(res) as { id: string }).id;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/variables',
      headers: owner.headers,
      payload: { projectId, key: 'S', value: SECRET, secret: true },
    });
  });

  it('rotates every secret atomically and installs the new key file', async () => {
    const report = await rotateEncryptionKey(t.config);
    expect(report).toMatchObject({ credentials: 1, variables: 1 });
    expect(report.settings).toBeGreaterThanOrEqual(1);
    expect(report.newKeyId).not.toBe(report.oldKeyId);
    expect(report.keyFile).toBe(join(t.config.dataDir, 'encryption.key'));
    expect(statSync(join(t.config.dataDir, 'encryption.key')).mode & 0o777).toBe(0o600);
    expect(report.previousKeyFile && existsSync(report.previousKeyFile)).toBe(true);
    expect(readdirSync(t.config.dataDir).some((f) => f.endsWith('.next'))).toBe(false);

    const server = await startServer(
      { ...t.config, port: 0 },
      { logger: createLogger('silent'), handleSignals: false },
    );
    try {
      const provider = server.ctx.services.get('credentials').providerFor({ projectId });
      const data = await provider.get({
        ref: { id: credentialId, name: 'Rotated' },
        type: 'httpBasicAuth',
        node: 'N',
        executionId: 'e',
      });
      expect(data).toEqual({ user: 'u', password: SECRET });
      expect(await server.ctx.services.get('variables').varsForProject(projectId)).toEqual({ S: SECRET });
    } finally {
      await server.close();
    }
  });

  it('refuses to start with a key file that cannot decrypt the data, and says what to do', async () => {
    const file = join(t.config.dataDir, 'encryption.key');
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    const started = startServer(
      { ...t.config, port: 0 },
      { logger: createLogger('silent'), handleSignals: false },
    );
    await expect(started).rejects.toMatchObject({ code: 'ENCRYPTION_KEY_MISMATCH' });
    await expect(started).rejects.toThrow(/Restore the original encryption\.key/);
    // Rotation with the wrong key changes nothing either.
    await expect(rotateEncryptionKey(t.config)).rejects.toMatchObject({
      code: 'ENCRYPTION_KEY_MISMATCH',
    });
    expect(readdirSync(t.config.dataDir).some((f) => f.endsWith('.next'))).toBe(false);
  });
});
