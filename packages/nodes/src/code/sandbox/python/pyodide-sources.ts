/**
 * Pyodide's files, read from the `pyodide` npm package (it ships the
 * WebAssembly and the standard library: nothing is downloaded at run time) and
 * made to run inside an isolated-vm isolate, which is a bare V8 like the d8
 * shell Pyodide supports: the two ES modules become classic scripts that leave
 * their entry points on `globalThis`, and the shell's random source (which
 * would shell out through d8's `os.system`) is replaced by
 * `crypto.getRandomValues`, which the prelude provides.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Where the loader looks for its files inside the isolate (served from memory, never from disk). */
export const PYODIDE_INDEX = '/pyodide/';

export interface PyodideSources {
  /** `pyodide.asm.mjs` as a script defining `globalThis.__guixuCreatePyodideModule`. */
  moduleScript: string;
  /** `pyodide.mjs` as a script defining `globalThis.__guixuLoadPyodide`. */
  loaderScript: string;
  /** The only files the isolate may read, by their path under PYODIDE_INDEX. */
  files: Map<string, Uint8Array>;
  version: string;
}

function patch(source: string, from: string, to: string, file: string): string {
  if (!source.includes(from)) {
    throw new Error(
      `Pyodide's ${file} changed shape ("${from.slice(0, 40)}…" not found); update pyodide-sources.ts`,
    );
  }
  return source.split(from).join(to);
}

let cached: PyodideSources | undefined;

export function pyodideSources(): PyodideSources {
  if (cached) return cached;
  const read = (name: string) => readFileSync(require.resolve(`pyodide/${name}`));
  let moduleScript = read('pyodide.asm.mjs').toString('utf8');
  moduleScript = patch(
    moduleScript,
    'export default _createPyodideModule;',
    'globalThis.__guixuCreatePyodideModule=_createPyodideModule;',
    'pyodide.asm.mjs',
  );
  moduleScript = patch(
    moduleScript,
    'import.meta.url',
    `"file://${PYODIDE_INDEX}pyodide.asm.mjs"`,
    'pyodide.asm.mjs',
  );
  moduleScript = patch(
    moduleScript,
    'if(ENVIRONMENT_IS_SHELL){return view=>{if(!os.system)',
    'if(false){return view=>{if(!os.system)',
    'pyodide.asm.mjs',
  );
  let loaderScript = read('pyodide.mjs').toString('utf8');
  const exported = loaderScript.match(/export\{(\w+) as loadPyodide,(\w+) as version\};/);
  if (!exported) throw new Error("Pyodide's pyodide.mjs changed shape (exports); update pyodide-sources.ts");
  loaderScript = loaderScript.replace(exported[0], `globalThis.__guixuLoadPyodide=${exported[1]};`);
  const version = (JSON.parse(read('package.json').toString('utf8')) as { version: string }).version;
  const files = new Map<string, Uint8Array>();
  for (const name of ['pyodide-lock.json', 'python_stdlib.zip', 'pyodide.asm.wasm']) {
    files.set(`${PYODIDE_INDEX}${name}`, read(name));
  }
  cached = { moduleScript, loaderScript, files, version };
  return cached;
}
