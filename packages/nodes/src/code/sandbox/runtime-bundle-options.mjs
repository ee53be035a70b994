// esbuild options of the in-isolate runtime (runtime/index.ts → one script),
// shared by runtime-bundle.ts (built on demand when running from sources) and
// scripts/build.mjs (emitted as dist/sandbox-runtime.js for the production
// bundle). Plain JavaScript so that build.mjs can import it without tsx.
import { fileURLToPath } from 'node:url';

/** The global the bundle leaves its factory in; the sandbox process takes and deletes it. */
export const RUNTIME_FACTORY_GLOBAL = '__guixuCreateRuntime';

export function runtimeBundleOptions() {
  return {
    entryPoints: [fileURLToPath(new URL('./runtime/index.ts', import.meta.url))],
    bundle: true,
    // A classic script: isolated-vm compiles it once per isolate and runs it in every fresh context.
    format: 'iife',
    // No Node built-ins in there: `buffer` resolves to the npm package, not Node's module.
    platform: 'browser',
    target: 'es2022',
    banner: { js: "'use strict';" },
    legalComments: 'none',
    minify: false,
    sourcemap: false,
    logLevel: 'warning',
  };
}
