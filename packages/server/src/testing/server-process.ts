import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleState, distDir, repoRoot } from '../../../../scripts/bundle-state.mjs';

const sources = fileURLToPath(new URL('../main.ts', import.meta.url));
const bundled = join(distDir, 'server.mjs');

/**
 * The arguments after `node` that run the server (src/main.ts) as a child process in tests: the
 * production bundle's server entry, dist/server.mjs, when it is as new as the sources (the node
 * project's global setup builds it, scripts/test-build-bundle.mjs), else the sources through tsx.
 * A start from the bundle costs ~1 s of CPU; through tsx ~6 s, 5–20 s of waiting on a loaded 2-core
 * machine, and the crash tests start dozens. `GUIXU_TEST_SERVER=sources` forces the sources.
 */
export function serverArgs(): string[] {
  const fromBundle =
    process.env.GUIXU_TEST_SERVER !== 'sources' && existsSync(bundled) && bundleState() === 'fresh';
  return fromBundle ? [bundled] : ['--import', 'tsx', sources];
}

export { repoRoot };
