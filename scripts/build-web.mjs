// The web app's production build (packages/web/dist, served by the server at `/`)
// and whether it still matches its sources. Used by scripts/build.mjs (`npm run
// build`, and `npm start` through --if-stale) and the browser tests.
//   node scripts/build-web.mjs             build
//   node scripts/build-web.mjs --if-stale  build only when missing or older than a source
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './bundle-state.mjs';

export const webRoot = join(repoRoot, 'packages', 'web');
export const webEntry = join(webRoot, 'dist', 'index.html');

/** What the app is built from: its own sources and the browser-safe packages it imports. */
const INPUTS = [
  'packages/web/src',
  'packages/web/public',
  'packages/web/index.html',
  'packages/web/vite.config.ts',
  'packages/web/package.json',
  'packages/api/src',
  'packages/core/src',
  'package-lock.json',
];

function newest(path) {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return path.includes('.test.') ? 0 : info.mtimeMs;
  let latest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

/** `missing`, `stale` or `fresh`; `root` for tests. */
export function webBuildState(root = repoRoot) {
  let built;
  try {
    built = statSync(join(root, 'packages', 'web', 'dist', 'index.html')).mtimeMs;
  } catch {
    return 'missing';
  }
  const latest = Math.max(...INPUTS.map((input) => newest(join(root, input))));
  return latest > built ? 'stale' : 'fresh';
}

export async function buildWeb({ quiet = false } = {}) {
  const started = Date.now();
  const { build } = await import('vite');
  await build({
    root: webRoot,
    configFile: join(webRoot, 'vite.config.ts'),
    logLevel: quiet ? 'error' : 'warn',
  });
  if (!quiet) console.error(`[guixu] built the web app (packages/web/dist) in ${Date.now() - started} ms`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const state = webBuildState();
  if (!(process.argv.includes('--if-stale') && state === 'fresh')) {
    try {
      await buildWeb({ quiet: process.argv.includes('--quiet') });
    } catch (error) {
      console.error(
        `[guixu] web build failed: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
      );
      process.exitCode = 1;
    }
  }
}
