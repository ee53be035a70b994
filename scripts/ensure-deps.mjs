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

// The Code sandbox's loader picks the isolated-vm major that fits this Node (5 on 20, 6 on 22+).
const isolatedVmLoader = './packages/nodes/src/code/sandbox/load-isolated-vm.mjs';

function nativeModulesLoad() {
  try {
    const check = `const { loadIsolatedVm } = await import('${isolatedVmLoader}'); loadIsolatedVm(); const { createRequire } = await import('node:module'); new (createRequire(import.meta.url)('better-sqlite3'))(':memory:').close();`;
    execSync(`node --input-type=module -e "${check}"`, { cwd: root, stdio: 'ignore' });
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
  const { isolatedVmCandidates } = await import(isolatedVmLoader);
  const isolatedVm = isolatedVmCandidates()[0];
  // An optional dependency skipped under another Node version is installed, not rebuilt.
  if (!existsSync(join(root, 'node_modules', isolatedVm))) {
    console.error(`[guixu] installing ${isolatedVm} for Node ${process.version}…`);
    execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  } else {
    console.error('[guixu] rebuilding native modules…');
    execSync(`npm rebuild ${isolatedVm} better-sqlite3`, { cwd: root, stdio: 'inherit' });
  }
}

const { writeRegistries } = await import('./generate-registries.mjs');
for (const path of await writeRegistries())
  console.error(`[guixu] regenerated ${path} (commit it with your change)`);
