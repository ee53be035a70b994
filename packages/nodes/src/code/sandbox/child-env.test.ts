/**
 * Issue 8, finding 1 (defence in depth): a `NODE_OPTIONS` planted on
 * `Object.prototype` was inherited by the env of the next forked sandbox
 * process, and code ran as the server's user.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, childForkOptions } from './child-env.ts';
import { SandboxPool } from './sandbox-client.ts';
import { testRun } from './test-jobs.ts';

const dir = mkdtempSync(join(tmpdir(), 'guixu-child-env-'));
const marker = join(dir, 'preloaded');
const preload = join(dir, 'preload.cjs');
writeFileSync(preload, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `body` with keys planted on Object.prototype, and always removes them. */
function polluted<T>(keys: Record<string, string>, body: () => T): T {
  try {
    for (const [key, value] of Object.entries(keys)) Reflect.set(Object.prototype, key, value);
    return body();
  } finally {
    for (const key of Object.keys(keys)) Reflect.deleteProperty(Object.prototype, key);
  }
}

describe('sandbox process env', () => {
  it('holds only the variables the child needs, on a null prototype', () => {
    const env = childEnv({
      PATH: '/bin',
      TZ: 'UTC',
      GUIXU_ENCRYPTION_KEY: 'secret',
      NODE_OPTIONS: '--inspect',
    });
    expect(Object.getPrototypeOf(env)).toBeNull();
    expect({ ...env }).toEqual({ PATH: '/bin', TZ: 'UTC' });
    const options = polluted({ NODE_OPTIONS: `--require ${preload}`, execPath: '/bin/false' }, () =>
      childForkOptions(['--no-node-snapshot']),
    );
    expect(Object.getPrototypeOf(options)).toBeNull();
    expect(options.execPath).toBe(process.execPath);
    expect(options.execArgv).toEqual(['--no-node-snapshot']);
  });

  it('does not hand a NODE_OPTIONS planted on Object.prototype to a new sandbox process', async () => {
    const pool = new SandboxPool({ maxProcesses: () => 1, minProcesses: 1 });
    try {
      // The fork happens synchronously inside prewarm(), while the prototype is polluted.
      const ready = polluted({ NODE_OPTIONS: `--require ${preload}` }, () => pool.prewarm());
      await ready;
      const outcome = await pool.run(testRun('return [{ ok: true }];'));
      expect(outcome).toMatchObject({ kind: 'result', result: { value: [{ ok: true }] } });
      expect(existsSync(marker)).toBe(false);
      const [pid] = pool.processIds();
      // Where /proc exists, read the child's real environment too.
      if (existsSync(`/proc/${pid}/environ`)) {
        const names = readFileSync(`/proc/${pid}/environ`, 'utf8')
          .split('\0')
          .filter(Boolean)
          .map((entry) => entry.slice(0, entry.indexOf('=')));
        // Node adds its IPC channel's own variables (NODE_CHANNEL_FD, NODE_CHANNEL_SERIALIZATION_MODE).
        const others = names.filter(
          (name) => !['PATH', 'TZ'].includes(name) && !name.startsWith('NODE_CHANNEL_'),
        );
        expect(others).toEqual([]);
      }
    } finally {
      pool.close();
    }
  }, 30_000);
});
