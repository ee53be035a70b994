// Installs dependencies when they are missing or older than the lockfile, so
// that `npm start` and `npm test` work on a fresh clone, and refreshes the
// generated registry modules (nodes, features, commands) so that a file added
// by convention is never missing from them.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');

function needsInstall() {
  if (!existsSync(marker)) return true;
  return statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000;
}

function nativeModulesLoad() {
  try {
    execSync(`node -e "require('isolated-vm'); new (require('better-sqlite3'))(':memory:').close()"`, {
      cwd: root,
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

if (needsInstall()) {
  console.error(
    '[guixu] installing dependencies (first run; native modules compile, this takes a few minutes)…',
  );
  execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
} else if (!nativeModulesLoad()) {
  console.error('[guixu] rebuilding native modules…');
  execSync('npm rebuild isolated-vm better-sqlite3', { cwd: root, stdio: 'inherit' });
}

const { writeRegistries } = await import('./generate-registries.mjs');
for (const path of await writeRegistries())
  console.error(`[guixu] regenerated ${path} (commit it with your change)`);
