// Where the production bundle lives and whether it still matches the sources.
// Shared by scripts/build.mjs and the `guixu` bin; plain JS so that neither
// needs tsx to decide whether tsx is needed.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const distDir = join(repoRoot, 'dist');
export const bundleEntry = join(distDir, 'guixu.mjs');

/** Inputs of the bundle besides the package sources: a change to any makes it stale. */
const EXTRA_INPUTS = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'scripts/build.mjs',
  'scripts/generate-registries.mjs',
];

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Newest modification time among the package sources. Directories count too:
 * deleting or renaming a file changes only its directory's time.
 */
function newestSource(root) {
  let newest = 0;
  const walk = (dir) => {
    newest = Math.max(newest, mtime(dir) ?? 0);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && !entry.name.includes('.test.')) newest = Math.max(newest, mtime(path) ?? 0);
    }
  };
  for (const pkg of readdirSync(join(root, 'packages'), { withFileTypes: true })) {
    // The web app is built by Vite into packages/web/dist (scripts/build-web.mjs), not into this bundle.
    if (pkg.name === 'web') continue;
    const src = join(root, 'packages', pkg.name, 'src');
    if (pkg.isDirectory() && mtime(src) !== undefined) walk(src);
  }
  for (const file of EXTRA_INPUTS) newest = Math.max(newest, mtime(join(root, file)) ?? 0);
  return newest;
}

/** `missing`, `stale` (a source is newer than the bundle) or `fresh`; `root` for tests. */
export function bundleState(root = repoRoot) {
  const built = mtime(join(root, 'dist', 'guixu.mjs'));
  if (built === undefined) return 'missing';
  return newestSource(root) > built ? 'stale' : 'fresh';
}
