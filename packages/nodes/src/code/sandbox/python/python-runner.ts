/**
 * Runs one Python Code node job with Pyodide inside an isolated-vm isolate, in
 * the sandbox process (never in the workflow host). Python code that reaches
 * JavaScript (`import js`, `pyodide.ffi`) reaches only that isolate, which has
 * no Node APIs: the only host functions in it read Pyodide's own files from
 * memory, give random bytes, log, and answer the run's lookups.
 *
 * Starting Pyodide takes seconds, so one interpreter stays warm per sandbox
 * process and every run gets a fresh namespace. Imported modules stay loaded
 * between runs; so that nothing a run changes in them reaches another project,
 * the interpreter is replaced when a job comes from a different tenant than
 * the last one, after a timeout or memory failure, and every MAX_JOBS runs.
 * Limits: the job's time limit (the isolate is disposed when it runs out), and
 * its memory limit both for the isolate's V8 heap and for the WebAssembly
 * memory Python allocates from (MemoryError past it fails the run as a memory
 * failure).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { NodeLogEntry } from '@guixu/core';
import type ivm from 'isolated-vm';
import { PYTHON_START_GRACE_MS } from '../config.ts';
import type { JobHooks, JobOutcome, RunningJob } from '../isolate-runner.ts';
import { loadIsolatedVm } from '../load-isolated-vm.mjs';
import type { SandboxJob } from '../protocol.ts';
import { PYODIDE_INDEX, pyodideSources } from './pyodide-sources.ts';
import { PYTHON_PRELUDE } from './prelude.ts';
import { PYTHON_RUNTIME } from './python-runtime.ts';

const { Isolate, ExternalCopy } = loadIsolatedVm();

const MAX_JOBS = 2_000;
const require = createRequire(import.meta.url);
let jmespathSource: string | undefined;
/** jmespath's JavaScript, run inside the interpreter's isolate for Python's `_jmespath` (as for `$jmespath`). */
function jmespathScript(): string {
  jmespathSource ??= readFileSync(require.resolve('jmespath'), 'utf8');
  return jmespathSource;
}
/** Pyodide's own start (its WebAssembly memory is ~30 MB before any user code runs). */
const MIN_PYTHON_MEMORY_MB = 64;

interface WarmPython {
  isolate: ivm.Isolate;
  context: ivm.Context;
  memoryMb: number;
  tenant: string | undefined;
  run: ivm.Reference;
  jobs: number;
}

/** The job being run: the interpreter's log and lookup functions reach it through this. */
let current: JobHooks | undefined;
let warm: WarmPython | undefined;
let starting: Promise<WarmPython> | undefined;
export const pythonCounters = { interpretersStarted: 0, jobs: 0 };

function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function start(memoryMb: number, tenant: string | undefined): Promise<WarmPython> {
  const sources = pyodideSources();
  const limitMb = Math.max(memoryMb, MIN_PYTHON_MEMORY_MB);
  const isolate = new Isolate({ memoryLimit: limitMb });
  try {
    const context = await isolate.createContext();
    const fileOf = (path: unknown): Uint8Array => {
      const file = typeof path === 'string' ? sources.files.get(path) : undefined;
      if (!file) throw new Error(`No such file: ${String(path)}`);
      return file;
    };
    const hostFunctions = [
      (path: unknown) => new ExternalCopy(bufferOf(fileOf(path))).copyInto({ transferIn: true }),
      (path: unknown) => Buffer.from(fileOf(path)).toString('utf8'),
      (n: unknown) => {
        const size = typeof n === 'number' && n >= 0 && n <= 65_536 ? n : 0;
        return new ExternalCopy(bufferOf(randomBytes(size))).copyInto({ transferIn: true });
      },
      (level: unknown, message: unknown) => {
        const known: NodeLogEntry['level'][] = ['debug', 'info', 'warn', 'error'];
        const at = known.includes(level as NodeLogEntry['level']) ? (level as NodeLogEntry['level']) : 'info';
        current?.log(at, String(message));
      },
      (request: unknown) =>
        current && typeof request === 'string'
          ? current.lookup(request)
          : Promise.resolve(JSON.stringify({ ok: false, message: 'Invalid lookup' })),
    ];
    const prelude = PYTHON_PRELUDE.replace('$5', String(limitMb * 1024 * 1024));
    await context.evalClosure(prelude, hostFunctions, {
      arguments: { reference: true },
    });
    await (await isolate.compileScript(sources.moduleScript, { filename: 'pyodide.asm.js' })).run(context);
    await (await isolate.compileScript(sources.loaderScript, { filename: 'pyodide.js' })).run(context);
    const run = (await context.evalClosure(
      `return (async () => {
      const load = globalThis.__guixuLoadPyodide, create = globalThis.__guixuCreatePyodideModule;
      for (const name of ['__guixuLoadPyodide', '__guixuCreatePyodideModule']) delete globalThis[name];
      const pyodide = await load({
        indexURL: ${JSON.stringify(PYODIDE_INDEX)},
        createPyodideModule: create,
        jsglobals: Object.create(null),
        stdout: (line) => console.log(line),
        stderr: (line) => console.warn(line),
        env: { HOME: '/home/pyodide' },
      });
      // Pyodide's files are loaded: nothing may read files (packages, scripts) from here on.
      for (const name of ['read', 'readbuffer', 'load']) delete globalThis[name];
      const lookup = globalThis.__guixuLookup;
      delete globalThis.__guixuLookup;
      pyodide.registerJsModule('_guixu_host', { lookup: (request) => lookup(String(request)) });
      const jmespath = new Function('var exports = {};\\n' + $1 + '\\n;return exports;')();
      pyodide.registerJsModule('_guixu_jmespath', {
        search: (data, expression) => JSON.stringify(jmespath.search(JSON.parse(String(data)), String(expression)) ?? null),
      });
      const namespace = pyodide.globals.get('dict')();
      pyodide.runPython($0, { globals: namespace });
      const run = namespace.get('_guixu_run');
      return (code, items, constants, mode, continueOnFail) => run(code, items, constants, mode, continueOnFail);
      })();`,
      [PYTHON_RUNTIME, jmespathScript()],
      { result: { promise: true, reference: true } },
    )) as ivm.Reference;
    pythonCounters.interpretersStarted++;
    return { isolate, context, memoryMb, tenant, run, jobs: 0 };
  } catch (error) {
    if (!isolate.isDisposed) isolate.dispose();
    throw error;
  }
}

function discard(): void {
  if (warm && !warm.isolate.isDisposed) warm.isolate.dispose();
  warm = undefined;
}

async function acquire(memoryMb: number, tenant: string | undefined): Promise<WarmPython> {
  if (
    warm &&
    !warm.isolate.isDisposed &&
    warm.memoryMb === memoryMb &&
    warm.tenant === tenant &&
    warm.jobs < MAX_JOBS
  ) {
    return warm;
  }
  discard();
  starting ??= start(memoryMb, tenant).finally(() => {
    starting = undefined;
  });
  warm = await starting;
  return warm;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Starts the interpreter ahead of the first Python job (tests, benchmarks). */
export async function warmPython(memoryMb: number, tenant?: string): Promise<void> {
  await acquire(memoryMb, tenant);
}

export function runPythonJob(job: SandboxJob, hooks: JobHooks): RunningJob {
  let stop: 'timeout' | 'canceled' | undefined;
  let holder: WarmPython | undefined;
  let timer: NodeJS.Timeout | undefined;
  const halt = (why: 'timeout' | 'canceled') => {
    stop ??= why;
    if (holder && !holder.isolate.isDisposed) holder.isolate.dispose();
  };
  const execute = async (): Promise<JobOutcome> => {
    // A cold start is not the user's time: the clock starts once the interpreter is ready.
    const startTimer = setTimeout(() => halt('timeout'), job.limits.timeoutMs + PYTHON_START_GRACE_MS);
    try {
      holder = await acquire(job.limits.memoryMb, job.tenant);
    } finally {
      clearTimeout(startTimer);
    }
    if (stop) throw new Error(stop);
    timer = setTimeout(() => halt('timeout'), job.limits.timeoutMs);
    holder.jobs++;
    pythonCounters.jobs++;
    current = hooks;
    const json: unknown = await holder.run.apply(
      undefined,
      [job.code, job.itemsJson, job.constantsJson, job.mode, job.continueOnFail],
      { arguments: { copy: true }, result: { copy: true }, timeout: job.limits.timeoutMs },
    );
    if (typeof json !== 'string') throw new Error('The Python runtime returned no result');
    const parsed = JSON.parse(json) as { memory?: true; syntax?: { message: string; line?: number } };
    if (parsed.memory) {
      discard();
      return {
        kind: 'failed',
        failure: { reason: 'memory', message: 'Python ran out of memory (MemoryError)' },
      };
    }
    if (parsed.syntax) return { kind: 'failed', failure: { reason: 'syntax', ...parsed.syntax } };
    return { kind: 'result', json };
  };
  const done = execute()
    .catch((error: unknown): JobOutcome => {
      discard();
      if (stop === 'timeout' || /timed out/i.test(message(error))) {
        return { kind: 'failed', failure: { reason: 'timeout', message: 'timeout' } };
      }
      if (stop === 'canceled') {
        return { kind: 'failed', failure: { reason: 'canceled', message: 'The run was canceled' } };
      }
      if (/memory limit|out of memory/i.test(message(error))) {
        return { kind: 'failed', failure: { reason: 'memory', message: message(error) } };
      }
      return { kind: 'failed', failure: { reason: 'internal', message: message(error) } };
    })
    .finally(() => {
      clearTimeout(timer);
      current = undefined;
    });
  return { done, cancel: () => halt('canceled') };
}
