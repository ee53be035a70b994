// `npm run build`: bundles the CLI (and with it server, nodes, core, interop)
// into dist/guixu.mjs, and the Code node's sandbox process into
// dist/sandbox-process.mjs, so that `guixu start` runs on plain `node`: no tsx
// loader at run time and a few files to load instead of hundreds.
//   node scripts/build.mjs             build
//   node scripts/build.mjs --if-stale  build only when dist/ is missing or older than a source
//   node scripts/build.mjs --quiet     no summary line
//   node scripts/build.mjs --no-web    the bundle only, not the web app
// npm dependencies are bundled too, except those in EXTERNAL_DEPENDENCIES.
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { bundleEntry, bundleState, distDir, repoRoot } from './bundle-state.mjs';
import { buildWeb, webBuildState } from './build-web.mjs';
import { writeRegistries } from './generate-registries.mjs';
import { runtimeBundleOptions } from '../packages/nodes/src/code/sandbox/runtime-bundle-options.mjs';

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
  // Finds its platform package's vec0.so with import.meta.resolve from its own file.
  'sqlite-vec',
  // The Code sandbox loads the major that fits the running Node (load-isolated-vm.mjs).
  'isolated-vm-5',
  'isolated-vm-6',
  // Only imported when running from sources (the Code node runtime is prebuilt below).
  'esbuild',
  '@node-rs/argon2',
  'pg',
  'pino',
  'oidc-provider',
  // Reads its browser bundle (dist/js/standalone.js) beside its own module file.
  '@scalar/fastify-api-reference',
  // Loaded lazily on the first password check (~25 MB of dictionaries); bundled, their
  // dynamic import resolved to a CommonJS wrapper without the named exports.
  '@zxcvbn-ts/core',
  '@zxcvbn-ts/language-common',
  '@zxcvbn-ts/language-en',
  'bufferutil',
  'utf-8-validate',
  // Requires its optional native helpers (cpu-features, sshcrypto.node) from paths relative to its files.
  'ssh2',
  'cpu-features',
  // Loads its WebAssembly and standard library from its own package directory.
  'pyodide',
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
      // The server alone (packages/server/src/main.ts): what the tests' child servers run.
      server: 'packages/server/src/main.ts',
      'sandbox-process': 'packages/nodes/src/code/sandbox/sandbox-process.ts',
      'execution-worker': 'packages/server/src/execution-host/worker-main.ts',
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
      // runtime-bundle.ts reads this prebuilt in-isolate runtime instead of bundling it with esbuild.
      'process.env.GUIXU_SANDBOX_RUNTIME': JSON.stringify('./sandbox-runtime.js'),
      // worker-entry.ts starts this sibling of the bundle as the execution worker thread.
      'process.env.GUIXU_EXECUTION_WORKER_ENTRY': JSON.stringify('./execution-worker.mjs'),
      // The hosted chat page's script, style and widget, copied beside the bundle (chatAssets below).
      'process.env.GUIXU_CHAT_ASSETS_DIR': JSON.stringify(`./${CHAT_ASSETS}/`),
    },
    // Bundled CommonJS packages call `require` for Node built-ins and the external packages.
    banner: {
      js: "import { createRequire as __guixuCreateRequire } from 'node:module'; const require = __guixuCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
    write: false,
  });
  // The Code node's in-isolate runtime: a classic script, not a module of the bundle.
  const runtime = await build({
    ...runtimeBundleOptions(),
    outfile: join(distDir, 'sandbox-runtime.js'),
    write: false,
  });
  await install([...result.outputFiles, ...runtime.outputFiles, ...(await chatAssets())], started);
  if (!quiet) {
    const sizes = result.outputFiles
      .filter((f) => f.path.endsWith('.mjs'))
      .map((f) => `${relative(repoRoot, f.path)} ${Math.round(f.contents.length / 1024)} kB`);
    console.error(`[guixu] built ${sizes.join(', ')} in ${Date.now() - started} ms`);
  }
  return result;
}

/** The hosted chat page's static files (features/ai-chat/assets), read at start by the bundle. */
const CHAT_ASSETS = 'chat-assets';
async function chatAssets() {
  const from = join(repoRoot, 'packages/server/src/features/ai-chat/assets');
  const names = await readdir(from);
  return Promise.all(
    names.map(async (name) => ({
      path: join(distDir, CHAT_ASSETS, name),
      contents: await readFile(join(from, name)),
    })),
  );
}

const ENTRIES = new Set([
  'guixu.mjs',
  'guixu.mjs.map',
  'sandbox-process.mjs',
  'sandbox-process.mjs.map',
  'sandbox-runtime.js',
  'execution-worker.mjs',
  'execution-worker.mjs.map',
  'server.mjs',
  'server.mjs.map',
]);
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
    await mkdir(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }
  // Sources edited while the build ran must still count as newer than the bundle.
  const when = new Date(started);
  await utimes(bundleEntry, when, when);
  const current = new Set([CHAT_ASSETS, ...outputFiles.map((f) => basename(f.path))]);
  for (const name of await readdir(distDir)) {
    if (current.has(name)) continue;
    const path = join(distDir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > OLD_CHUNKS_KEPT_MS) await rm(path, { force: true });
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const quiet = process.argv.includes('--quiet');
  const ifStale = process.argv.includes('--if-stale');
  // --no-web: the bundle only (the tests' child servers need no web app).
  const web = !process.argv.includes('--no-web');
  const webState = web ? webBuildState() : 'fresh';
  if (web && !(ifStale && webState === 'fresh')) {
    if (!quiet && webState !== 'missing')
      console.error(`[guixu] the web app build is ${webState}; building…`);
    try {
      await buildWeb({ quiet });
    } catch (error) {
      console.error(
        `[guixu] web build failed: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
      );
      process.exitCode = 1;
    }
  }
  const state = bundleState();
  if (ifStale && state === 'fresh') process.exit();
  if (!quiet && state !== 'missing') console.error(`[guixu] dist/ is ${state}; building…`);
  try {
    await buildBundle({ quiet });
  } catch (error) {
    // esbuild has already printed each error with its file and line.
    console.error(`[guixu] build failed: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    process.exitCode = 1;
  }
}
