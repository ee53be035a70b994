/**
 * Runs one Code node job in an isolated-vm isolate. Lives in the sandbox
 * process, never in the workflow host: V8 cannot always recover from an
 * isolate running out of memory, and then the whole process dies.
 *
 * One warm isolate is reused across jobs (Luxon, jmespath and recent user
 * scripts stay compiled in it); every job gets a fresh context, so no state
 * leaks from one run to the next. After a timeout or memory failure the
 * isolate is disposed and the next job builds a new one.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ivm from 'isolated-vm';
import type { NodeLogEntry } from '@guixu/core';
import type { SandboxFailure, SandboxJob } from './protocol.ts';
import { RUNTIME_SOURCE, USER_CODE_FILENAME, wrapUserCode } from './runtime-source.ts';

export interface JobHooks {
  log(level: NodeLogEntry['level'], message: string): void;
  /** Answers a lookup (JSON request) with a JSON `LookupResponse`. */
  lookup(requestJson: string): Promise<string>;
}

export type JobOutcome = { kind: 'result'; json: string } | { kind: 'failed'; failure: SandboxFailure };

type LibraryName = 'luxon' | 'jmespath';

interface WarmIsolate {
  isolate: ivm.Isolate;
  memoryMb: number;
  libraries: Record<LibraryName, ivm.Script>;
  userScripts: Map<string, ivm.Script>;
  jobs: number;
}

const MAX_CACHED_SCRIPTS = 50;
/** Code that names a library gets it loaded up front, which is cheaper than loading it mid-run. */
const LIBRARY_USE: Record<LibraryName, RegExp> = {
  luxon: /\$now|\$today|\bDateTime\b|\bDuration\b|\bInterval\b/,
  jmespath: /\$jmespath/,
};
/** Recycle the isolate now and then so a slow leak in V8 or the runtime never accumulates. */
const MAX_JOBS_PER_ISOLATE = 1000;

const require = createRequire(import.meta.url);

function librarySources(): Record<LibraryName, string> {
  // Luxon's browser build: it has no `exports` entry, so go from the package's main file.
  const luxonBuild = join(dirname(require.resolve('luxon')), '..', 'global', 'luxon.min.js');
  const luxon = readFileSync(luxonBuild, 'utf8');
  const jmespath = readFileSync(require.resolve('jmespath'), 'utf8');
  return {
    luxon: `globalThis.__guixuLoaded_luxon = (function () {\n${luxon}\nreturn luxon; })();`,
    jmespath: `globalThis.__guixuLoaded_jmespath = (function () { var exports = {};\n${jmespath}\nreturn exports; })();`,
  };
}

let sources: Record<LibraryName, string> | undefined;
let warm: WarmIsolate | undefined;

async function acquire(memoryMb: number): Promise<WarmIsolate> {
  if (warm && !warm.isolate.isDisposed && warm.memoryMb === memoryMb && warm.jobs < MAX_JOBS_PER_ISOLATE) {
    return warm;
  }
  discard();
  sources ??= librarySources();
  const isolate = new ivm.Isolate({ memoryLimit: memoryMb });
  const [luxon, jmespath] = await Promise.all([
    isolate.compileScript(sources.luxon, { filename: 'luxon.js' }),
    isolate.compileScript(sources.jmespath, { filename: 'jmespath.js' }),
  ]);
  warm = { isolate, memoryMb, libraries: { luxon, jmespath }, userScripts: new Map(), jobs: 0 };
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
    .finally(() => clearTimeout(timer));
  return { done, cancel: () => halt('canceled') };
}

async function execute(
  job: SandboxJob,
  hooks: JobHooks,
  onIsolate: (h: WarmIsolate) => void,
): Promise<JobOutcome> {
  const holder = await acquire(job.limits.memoryMb);
  onIsolate(holder);
  holder.jobs++;
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
  const cleanups: (() => void)[] = [];
  try {
    const timers = new Map<number, NodeJS.Timeout>();
    let fireTimer: ivm.Reference | undefined;
    const bridge = (op: unknown, a: unknown, b: unknown, c: unknown, d: unknown): string | undefined => {
      if (op === 'load' && (a === 'luxon' || a === 'jmespath')) {
        holder.libraries[a].runSync(context);
      } else if (op === 'log' && typeof b === 'string') {
        hooks.log(a === 'warn' || a === 'error' || a === 'debug' ? a : 'info', b);
      } else if (op === 'timer' && typeof a === 'number' && typeof b === 'number') {
        const fire = () => {
          timers.delete(a);
          fireTimer?.apply(undefined, [a]).catch(() => {});
        };
        timers.set(a, setTimeout(fire, b));
      } else if (op === 'clearTimer' && typeof a === 'number') {
        clearTimeout(timers.get(a));
        timers.delete(a);
      } else if (op === 'randomBytes' && typeof a === 'number' && a >= 0 && a <= 65_536) {
        return randomBytes(a).toString('base64');
      } else if (op === 'digest' && typeof b === 'string' && typeof c === 'string' && typeof d === 'string') {
        const data = Buffer.from(d, 'base64');
        const digest = a === 'hmac' ? createHmac(b, Buffer.from(c, 'base64')) : createHash(b);
        return digest.update(data).digest('base64');
      }
      return undefined;
    };
    cleanups.push(() => {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    });
    const lookup = (request: unknown): Promise<string> =>
      typeof request === 'string'
        ? hooks.lookup(request)
        : Promise.resolve(JSON.stringify({ ok: false, message: 'Invalid lookup' }));
    for (const name of ['luxon', 'jmespath'] as const) {
      if (LIBRARY_USE[name].test(job.code)) await holder.libraries[name].run(context);
    }
    const runtime: ivm.Reference = await context.evalClosure(RUNTIME_SOURCE, [bridge, lookup], {
      arguments: { reference: true },
      result: { reference: true },
    });
    const run: ivm.Reference = await runtime.get('run', { reference: true });
    fireTimer = await runtime.get('fireTimer', { reference: true });
    const factory: ivm.Reference = await script.run(context, {
      reference: true,
      timeout: job.limits.timeoutMs,
    });
    const json: unknown = await run.apply(
      undefined,
      [factory.derefInto(), job.itemsJson, job.constantsJson, job.mode, job.continueOnFail],
      { result: { promise: true, copy: true }, timeout: job.limits.timeoutMs },
    );
    if (typeof json !== 'string') throw new Error('The sandbox runtime returned no result');
    return { kind: 'result', json };
  } finally {
    for (const cleanup of cleanups) cleanup();
    if (!holder.isolate.isDisposed) context.release();
  }
}
