// Vitest global setup of the suites that start the server as a child process (vitest.config.ts,
// vitest.chaos.config.ts): builds dist/ (the bundle only, not the web app) when a source is newer,
// so that packages/server/src/testing/server-process.ts starts dist/server.mjs instead of the
// sources through tsx. A build takes ~10 s once; it saves seconds on every server start.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './bundle-state.mjs';

export default function setup() {
  if (process.env.GUIXU_TEST_SERVER === 'sources') return;
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), '--if-stale', '--no-web', '--quiet'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}
