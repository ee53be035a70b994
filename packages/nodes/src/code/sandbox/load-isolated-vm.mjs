// Loads the isolated-vm major that fits the running Node. Plain JavaScript
// with no imports of ours, so that scripts/ensure-deps.mjs can check the
// native build with it before anything else is compiled.
//
// isolated-vm 5.x builds only on Node <= 20 and 6.x needs Node >= 22, so both
// are optional dependencies under aliases (packages/nodes/package.json): npm
// skips the one whose `engines` or native build does not fit, and this picks
// the other.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The aliases to try, the one made for this Node first. */
export function isolatedVmCandidates(nodeVersion = process.versions.node) {
  const major = Number(nodeVersion.split('.')[0]);
  return major >= 22 ? ['isolated-vm-6', 'isolated-vm-5'] : ['isolated-vm-5', 'isolated-vm-6'];
}

let loaded;

export function loadIsolatedVm() {
  if (loaded) return loaded;
  const failures = [];
  for (const name of isolatedVmCandidates()) {
    try {
      loaded = require(name);
      return loaded;
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      failures.push(`${name}: ${message}`);
    }
  }
  throw new Error(
    `The Code node sandbox needs isolated-vm, and no build of it loads on Node ${process.version} ` +
      `(${failures.join('; ')}). Run \`npm install\` with this Node version; isolated-vm 5 builds on ` +
      'Node 20, isolated-vm 6 on Node 22 and later (a C++ compiler and Python are needed when no prebuilt binary fits).',
  );
}
