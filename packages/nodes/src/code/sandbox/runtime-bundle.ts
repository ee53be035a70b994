/**
 * The source of the in-isolate runtime. The production bundle ships it
 * prebuilt beside the sandbox process (scripts/build.mjs defines where); from
 * sources it is bundled on demand with esbuild's JS API, once per process.
 */
import { readFile } from 'node:fs/promises';
import { runtimeBundleOptions } from './runtime-bundle-options.mjs';

// scripts/build.mjs defines this in the bundle: the file it emitted next to the sandbox process.
const prebuilt = process.env.GUIXU_SANDBOX_RUNTIME;

async function bundleFromSources(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({ ...runtimeBundleOptions(), write: false });
  const output = result.outputFiles?.[0];
  if (!output) throw new Error('esbuild produced no Code node runtime');
  return output.text;
}

let source: Promise<string> | undefined;

export function runtimeSource(): Promise<string> {
  source ??= prebuilt ? readFile(new URL(prebuilt, import.meta.url), 'utf8') : bundleFromSources();
  // A failed build is not kept: the next isolate tries again.
  source.catch(() => {
    source = undefined;
  });
  return source;
}
