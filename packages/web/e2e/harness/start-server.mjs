// Plain JS on purpose: the web project type-checks with the DOM library, the
// server's sources with Node's; this seam keeps the two programs apart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@guixu/server';

/**
 * A fresh GuixuFlow server (own data dir, own SQLite file, a free port) in this process.
 * `env` adds settings (e.g. a fixed port and GUIXU_PUBLIC_URL for OAuth2 callbacks).
 */
export async function startTestServer(env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'guixu-web-e2e-'));
  const config = loadConfig({
    env: { GUIXU_DATA_DIR: dataDir, GUIXU_PORT: '0', GUIXU_LOG_LEVEL: 'silent', GUIXU_HOST: '127.0.0.1', ...env },
    cwd: dataDir,
  });
  const server = await startServer(config, { handleSignals: false });
  return {
    url: server.url,
    dataDir,
    async close() {
      await server.close('test');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
