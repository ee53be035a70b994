// `npm run build`: bundles the CLI (and with it server, nodes, core, interop)
// into dist/guixu.mjs, and the Code node's sandbox process into
// dist/sandbox-process.mjs, so that `guixu start` runs on plain `node`: no tsx
// loader at run time and a few files to load instead of hundreds.
//   node scripts/build.mjs             build
//   node scripts/build.mjs --if-stale  build only when dist/ is missing or older than a source
//   node scripts/build.mjs --quiet     no summary line
// npm dependencies stay external (loaded from node_modules as usual).
import { utimesSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { bundleEntry, bundleState, distDir, repoRoot } from './bundle-state.mjs';
import { writeRegistries } from './generate-registries.mjs';

/** Everything that is not a relative path or one of our workspace packages is an npm dependency. */
const externalDependencies = {
  name: 'external-dependencies',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@guixu/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

export async function buildBundle({ quiet = false } = {}) {
  const started = Date.now();
  // The bundle can only contain what the generated registries import.
  for (const path of await writeRegistries()) console.error(`[guixu] regenerated ${path}`);
  const { build } = await import('esbuild');
  await rm(distDir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: {
      guixu: 'packages/cli/src/main.ts',
      'sandbox-process': 'packages/nodes/src/code/sandbox/sandbox-process.ts',
    },
    outdir: distDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    // Keeps error messages and stack traces readable; the size saving would not change start time much.
    minify: false,
    plugins: [externalDependencies],
    define: {
      // sandbox-client.ts forks this sibling of the bundle instead of the TypeScript entry through tsx.
      'process.env.GUIXU_SANDBOX_ENTRY': JSON.stringify('./sandbox-process.mjs'),
    },
    logLevel: 'warning',
    metafile: true,
  });
  // Sources edited while the build ran must still count as newer than the bundle.
  const when = new Date(started);
  utimesSync(bundleEntry, when, when);
  if (!quiet) {
    const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.mjs'));
    const sizes = outputs.map(
      ([file, o]) => `${relative(repoRoot, join(repoRoot, file))} ${Math.round(o.bytes / 1024)} kB`,
    );
    console.error(`[guixu] built ${sizes.join(', ')} in ${Date.now() - started} ms`);
  }
  return result;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const quiet = process.argv.includes('--quiet');
  const state = bundleState();
  if (process.argv.includes('--if-stale') && state === 'fresh') process.exit(0);
  if (!quiet && state !== 'missing') console.error(`[guixu] dist/ is ${state}; building…`);
  await buildBundle({ quiet });
}
