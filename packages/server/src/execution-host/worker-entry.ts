import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const require = createRequire(import.meta.url);
// scripts/build.mjs defines this in the bundle (its prebuilt sibling entry), so the
// worker starts on plain node; from sources the TypeScript entry runs through tsx.
const bundledEntry = process.env.GUIXU_EXECUTION_WORKER_ENTRY;

/** tsx's ESM loader, registered inside the worker before its TypeScript entry loads. */
function tsxLoader(): string {
  const api = require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  if (!existsSync(api)) throw new Error(`Cannot run the execution worker from sources: ${api} is missing`);
  return pathToFileURL(api).href;
}

/** Starts an execution worker thread (the bundled entry, or the sources through tsx). */
export function startWorkerThread(options: WorkerOptions): Worker {
  if (bundledEntry) return new Worker(new URL(bundledEntry, import.meta.url), options);
  const entry = new URL('./worker-main.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxLoader())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
