/**
 * Runs one Code node job in an isolated-vm isolate. Lives in the sandbox
 * process, never in the workflow host: V8 cannot always recover from an
 * isolate running out of memory, and then the whole process dies.
 *
 * One warm isolate is reused across jobs (the runtime, Luxon, jmespath and
 * recent user scripts stay compiled in it); every job gets a fresh context,
 * and every handle into it is released when the job ends, so a job's objects
 * are garbage once it is done. The isolate itself is replaced after a timeout
 * or memory failure, when its heap stays above RECYCLE_HEAP_FRACTION of its
 * limit after a job, and after MAX_JOBS_PER_ISOLATE jobs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { NodeLogEntry } from '@guixu/core';
import type ivm from 'isolated-vm';
import { createIsolateBridge } from './isolate-bridge.ts';
import { loadIsolatedVm } from './load-isolated-vm.mjs';
import type { SandboxFailure, SandboxJob, SandboxStats } from './protocol.ts';
import { RUNTIME_FACTORY_GLOBAL } from './runtime-bundle-options.mjs';
import { runtimeSource } from './runtime-bundle.ts';
import { USER_CODE_FILENAME, wrapUserCode } from './user-code.ts';

const { Isolate } = loadIsolatedVm();

export interface JobHooks {
  log(level: NodeLogEntry['level'], message: string): void;
  /** Answers a lookup (JSON request) with a JSON `LookupResponse`. */
  lookup(requestJson: string): Promise<string>;
}

export type JobOutcome = { kind: 'result'; json: string } | { kind: 'failed'; failure: SandboxFailure };

type LibraryName = 'luxon' | 'jmespath' | 'nunjucks';

interface WarmIsolate {
  isolate: ivm.Isolate;
  memoryMb: number;
  runtime: ivm.Script;
  libraries: Record<LibraryName, ivm.Script>;
  userScripts: Map<string, ivm.Script>;
  jobs: number;
}

const MAX_CACHED_SCRIPTS = 50;
/** Code that names a library gets it loaded up front, which is cheaper than loading it mid-run. */
const LIBRARY_USE: Record<LibraryName, RegExp> = {
  luxon: /\$now|\$today|\bDateTime\b|\bDuration\b|\bInterval\b/,
  jmespath: /\$jmespath/,
  nunjucks: /\$jinja\b/,
};
/** Recycle the isolate now and then so a slow leak in V8 or the runtime never accumulates. */
const MAX_JOBS_PER_ISOLATE = 5000;
/** A heap still this full after a job (and a GC) would leave the next job short of its limit. */
const RECYCLE_HEAP_FRACTION = 0.5;

const require = createRequire(import.meta.url);

function librarySources(): Record<LibraryName, string> {
  // Luxon's browser build: it has no `exports` entry, so go from the package's main file.
  const luxonBuild = join(dirname(require.resolve('luxon')), '..', 'global', 'luxon.min.js');
  const luxon = readFileSync(luxonBuild, 'utf8');
  const jmespath = readFileSync(require.resolve('jmespath'), 'utf8');
  // Nunjucks's browser build (a UMD script): with no module system it sets `self.nunjucks`.
  const nunjucks = readFileSync(
    join(dirname(require.resolve('nunjucks')), 'browser', 'nunjucks.min.js'),
    'utf8',
  );
  return {
    luxon: `globalThis.__guixuLoaded_luxon = (function () {\n${luxon}\nreturn luxon; })();`,
    jmespath: `globalThis.__guixuLoaded_jmespath = (function () { var exports = {};\n${jmespath}\nreturn exports; })();`,
    nunjucks: `globalThis.__guixuLoaded_nunjucks = (function () { var self = {};\n${nunjucks}\nreturn self.nunjucks; })();`,
  };
}

let sources: Record<LibraryName, string> | undefined;
let warm: WarmIsolate | undefined;
let isolatesCreated = 0;
let jobsRun = 0;

async function acquire(memoryMb: number): Promise<WarmIsolate> {
  if (warm && !warm.isolate.isDisposed && warm.memoryMb === memoryMb && warm.jobs < MAX_JOBS_PER_ISOLATE) {
    return warm;
  }
  discard();
  sources ??= librarySources();
  const runtimeText = await runtimeSource();
  const isolate = new Isolate({ memoryLimit: memoryMb });
  isolatesCreated++;
  const [runtime, luxon, jmespath, nunjucks] = await Promise.all([
    isolate.compileScript(runtimeText, { filename: 'guixu-runtime.js' }),
    isolate.compileScript(sources.luxon, { filename: 'luxon.js' }),
    isolate.compileScript(sources.jmespath, { filename: 'jmespath.js' }),
    isolate.compileScript(sources.nunjucks, { filename: 'nunjucks.js' }),
  ]);
  warm = {
    isolate,
    memoryMb,
    runtime,
    libraries: { luxon, jmespath, nunjucks },
    userScripts: new Map(),
    jobs: 0,
  };
  return warm;
}

function discard(): void {
  if (warm && !warm.isolate.isDisposed) warm.isolate.dispose();
  warm = undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** isolated-vm reports compile errors as `SyntaxError: msg [guixu-code:3:5]`. */
function syntaxFailure(error: unknown): SandboxFailure {
  const raw = errorMessage(error);
  const match = raw.match(new RegExp(`\\s*\\[${USER_CODE_FILENAME}:(\\d+):(\\d+)\\]$`));
  const message = match ? raw.slice(0, match.index) : raw;
  const failure: SandboxFailure = { reason: 'syntax', message };
  if (match) {
    failure.line = Number(match[1]);
    failure.column = Number(match[2]);
  }
  return failure;
}

async function compileUserCode(holder: WarmIsolate, code: string): Promise<ivm.Script> {
  const cached = holder.userScripts.get(code);
  if (cached) return cached;
  const script = await holder.isolate.compileScript(wrapUserCode(code), {
    filename: USER_CODE_FILENAME,
    lineOffset: -1,
  });
  if (holder.userScripts.size >= MAX_CACHED_SCRIPTS) {
    const oldest = holder.userScripts.keys().next().value;
    if (oldest !== undefined) holder.userScripts.delete(oldest);
  }
  holder.userScripts.set(code, script);
  return script;
}

export interface RunningJob {
  done: Promise<JobOutcome>;
  cancel(): void;
}

export function runJob(job: SandboxJob, hooks: JobHooks): RunningJob {
  let stop: 'timeout' | 'canceled' | undefined;
  let holder: WarmIsolate | undefined;
  const halt = (why: 'timeout' | 'canceled') => {
    stop ??= why;
    if (holder && !holder.isolate.isDisposed) holder.isolate.dispose();
  };
  const timer = setTimeout(() => halt('timeout'), job.limits.timeoutMs);
  const done = execute(job, hooks, (h) => {
    holder = h;
  })
    .catch((error: unknown): JobOutcome => {
      if (stop === 'timeout' || /timed out/i.test(errorMessage(error))) {
        discard();
        return { kind: 'failed', failure: { reason: 'timeout', message: 'timeout' } };
      }
      if (stop === 'canceled') {
        discard();
        return { kind: 'failed', failure: { reason: 'canceled', message: 'The run was canceled' } };
      }
      if (/memory limit/i.test(errorMessage(error))) {
        discard();
        return { kind: 'failed', failure: { reason: 'memory', message: errorMessage(error) } };
      }
      if (holder?.isolate.isDisposed) discard();
      return { kind: 'failed', failure: { reason: 'internal', message: errorMessage(error) } };
    })
    .then(async (outcome) => {
      clearTimeout(timer);
      if (holder) await recycleIfFull(holder).catch(() => discard());
      return outcome;
    });
  return { done, cancel: () => halt('canceled') };
}

/** Handles into a job's context must be released, or the context (and its objects) outlives the job. */
function releaseAll(handles: readonly ivm.Reference[]): void {
  for (const handle of handles) {
    try {
      handle.release();
    } catch {
      // Already gone with a disposed isolate.
    }
  }
}

async function execute(
  job: SandboxJob,
  hooks: JobHooks,
  onIsolate: (h: WarmIsolate) => void,
): Promise<JobOutcome> {
  const holder = await acquire(job.limits.memoryMb);
  onIsolate(holder);
  holder.jobs++;
  jobsRun++;
  let script: ivm.Script;
  try {
    script = await compileUserCode(holder, job.code);
  } catch (error) {
    if (error instanceof Error && error.name === 'SyntaxError')
      return { kind: 'failed', failure: syntaxFailure(error) };
    if (/SyntaxError/.test(errorMessage(error))) return { kind: 'failed', failure: syntaxFailure(error) };
    throw error;
  }
  const context = await holder.isolate.createContext();
  const bridge = createIsolateBridge({ context, libraries: holder.libraries, log: hooks.log });
  const handles: ivm.Reference[] = [];
  const hold = (handle: ivm.Reference): ivm.Reference => {
    handles.push(handle);
    return handle;
  };
  try {
    const lookup = (request: unknown): Promise<string> =>
      typeof request === 'string'
        ? hooks.lookup(request)
        : Promise.resolve(JSON.stringify({ ok: false, message: 'Invalid lookup' }));
    for (const name of ['luxon', 'jmespath', 'nunjucks'] as const) {
      if (LIBRARY_USE[name].test(job.code)) await holder.libraries[name].run(context);
    }
    await holder.runtime.run(context);
    const runtime = hold(
      await context.evalClosure(
        `const create = globalThis.${RUNTIME_FACTORY_GLOBAL};\ndelete globalThis.${RUNTIME_FACTORY_GLOBAL};\nreturn create($0, $1);`,
        [bridge.call, lookup],
        { arguments: { reference: true }, result: { reference: true } },
      ),
    );
    const run = hold(await runtime.get('run', { reference: true }));
    bridge.setFireTimer(hold(await runtime.get('fireTimer', { reference: true })));
    const factory = hold(await script.run(context, { reference: true, timeout: job.limits.timeoutMs }));
    const json: unknown = await run.apply(
      undefined,
      [factory.derefInto(), job.itemsJson, job.constantsJson, job.mode, job.continueOnFail],
      { result: { promise: true, copy: true }, timeout: job.limits.timeoutMs },
    );
    if (typeof json !== 'string') throw new Error('The sandbox runtime returned no result');
    return { kind: 'result', json };
  } finally {
    bridge.close();
    releaseAll(handles);
    if (!holder.isolate.isDisposed) context.release();
  }
}

/** Replaces the isolate when a job left its heap too full for the next one. */
async function recycleIfFull(holder: WarmIsolate): Promise<void> {
  if (holder !== warm || holder.isolate.isDisposed) return;
  const heap = await holder.isolate.getHeapStatistics();
  if (heap.used_heap_size > RECYCLE_HEAP_FRACTION * holder.memoryMb * 1024 * 1024) discard();
}

/** The sandbox process's numbers, for operators and the soak tests. */
export async function isolateStats(): Promise<SandboxStats> {
  const heap = warm && !warm.isolate.isDisposed ? await warm.isolate.getHeapStatistics() : undefined;
  return {
    jobs: jobsRun,
    isolatesCreated,
    isolateHeapUsedBytes: heap?.used_heap_size ?? 0,
    isolateHeapLimitBytes: heap?.heap_size_limit ?? 0,
    processRssBytes: process.memoryUsage.rss(),
  };
}
