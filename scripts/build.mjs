// `npm run build`: bundles the CLI (and with it server, nodes, core, interop)
// into dist/guixu.mjs, and the Code node's sandbox process into
// dist/sandbox-process.mjs, so that `guixu start` runs on plain `node`: no tsx
// loader at run time and a few files to load instead of hundreds.
//   node scripts/build.mjs             build
//   node scripts/build.mjs --if-stale  build only when dist/ is missing or older than a source
//   node scripts/build.mjs --quiet     no summary line
// npm dependencies are bundled too, except those in EXTERNAL_DEPENDENCIES.
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { bundleEntry, bundleState, distDir, repoRoot } from './bundle-state.mjs';
import { writeRegistries } from './generate-registries.mjs';

/**
 * npm dependencies that stay in node_modules: native addons, packages that load
 * files by path at run time (pino's transports, pg's optional native driver) or
 * are only ever imported lazily, and optional peers that may be absent. Every
 * other dependency is bundled: on Node 20 each module file costs a resolve and a
 * compile, and bundling them cut the CPU `guixu start` needs before its first
 * answer from ~550 ms to ~410 ms (kysely and zod alone are ~300 files).
 */
const EXTERNAL_DEPENDENCIES = [
  'better-sqlite3',
  'isolated-vm',
  '@node-rs/argon2',
  'pg',
  'pino',
  'oidc-provider',
  'bufferutil',
  'utf-8-validate',
];

const external = (path) => EXTERNAL_DEPENDENCIES.some((name) => path === name || path.startsWith(`${name}/`));

const externalDependencies = {
  name: 'external-dependencies',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      external(args.path) ? { path: args.path, external: true } : undefined,
    );
  },
};

export async function buildBundle({ quiet = false } = {}) {
  const started = Date.now();
  // The bundle can only contain what the generated registries import.
  for (const path of await writeRegistries()) console.error(`[guixu] regenerated ${path}`);
  const { build } = await import('esbuild');
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
    // Chunks keep dynamic imports lazy: without splitting, esbuild hoists the npm imports
    // of lazily loaded modules (pg, yaml…) into the entry and loads them at start.
    splitting: true,
    // Beside the entries, so that './sandbox-process.mjs' resolves the same from any chunk.
    chunkNames: '_[name]-[hash]',
    sourcemap: true,
    // Readable stack traces; minifying measured no start-up gain (V8 parses lazily).
    minify: false,
    plugins: [externalDependencies],
    define: {
      // sandbox-client.ts forks this sibling of the bundle instead of the TypeScript entry through tsx.
      'process.env.GUIXU_SANDBOX_ENTRY': JSON.stringify('./sandbox-process.mjs'),
    },
    // Bundled CommonJS packages call `require` for Node built-ins and the external packages.
    banner: {
      js: "import { createRequire as __guixuCreateRequire } from 'node:module'; const require = __guixuCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
    write: false,
  });
  await install(result.outputFiles, started);
  if (!quiet) {
    const sizes = result.outputFiles
      .filter((f) => f.path.endsWith('.mjs'))
      .map((f) => `${relative(repoRoot, f.path)} ${Math.round(f.contents.length / 1024)} kB`);
    console.error(`[guixu] built ${sizes.join(', ')} in ${Date.now() - started} ms`);
  }
  return result;
}

const ENTRIES = new Set(['guixu.mjs', 'guixu.mjs.map', 'sandbox-process.mjs', 'sandbox-process.mjs.map']);
/** Chunks of earlier builds stay this long: a server started from one may still import them lazily. */
const OLD_CHUNKS_KEPT_MS = 24 * 3600_000;

/**
 * Writes a build into dist/ without ever showing a half-written one: each file
 * goes through a temporary name and a rename, the content-hashed chunks first
 * and the entries last, so a process starting (or a running server importing a
 * chunk lazily) during a rebuild, or a concurrent build, never misses a file.
 */
async function install(outputFiles, started) {
  await mkdir(distDir, { recursive: true });
  const ordered = [...outputFiles].sort((a, b) => {
    const entry = (f) => (ENTRIES.has(basename(f.path)) ? 1 : 0);
    return entry(a) - entry(b);
  });
  for (const file of ordered) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }
  // Sources edited while the build ran must still count as newer than the bundle.
  const when = new Date(started);
  await utimes(bundleEntry, when, when);
  const current = new Set(outputFiles.map((f) => basename(f.path)));
  for (const name of await readdir(distDir)) {
    if (current.has(name)) continue;
    const path = join(distDir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > OLD_CHUNKS_KEPT_MS) await rm(path, { force: true });
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const quiet = process.argv.includes('--quiet');
  const state = bundleState();
  if (process.argv.includes('--if-stale') && state === 'fresh') process.exit(0);
  if (!quiet && state !== 'missing') console.error(`[guixu] dist/ is ${state}; building…`);
  try {
    await buildBundle({ quiet });
  } catch (error) {
    // esbuild has already printed each error with its file and line.
    console.error(`[guixu] build failed: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    process.exitCode = 1;
  }
}
