/**
 * The host's handle on one sandbox process: forks it, runs one job at a time
 * in it, answers its lookups and reads its results. A process that dies (V8
 * out of memory is fatal to the whole process, whatever isolated-vm's memory
 * limit says) fails only the job it was running.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { NodeLogEntry } from '@guixu/core';
import { childForkOptions } from './child-env.ts';
import { PYTHON_START_GRACE_MS } from './config.ts';
import {
  type HostToSandbox,
  type LookupRequest,
  type LookupResponse,
  lookupRequestSchema,
  type RuntimeResult,
  runtimeResultSchema,
  type SandboxFailure,
  type SandboxJob,
  type SandboxStats,
  type SandboxToHost,
  sandboxToHostSchema,
} from './protocol.ts';

export interface SandboxRunOptions {
  job: SandboxJob;
  /** Who the run is for (the workflow's project): the pool shares its processes fairly between them. */
  tenant?: string;
  signal?: AbortSignal;
  onLog(level: NodeLogEntry['level'], message: string): void;
  onLookup(request: LookupRequest): LookupResponse | Promise<LookupResponse>;
}

export type SandboxOutcome =
  | { kind: 'result'; result: RuntimeResult }
  | { kind: 'failed'; failure: SandboxFailure };

/** Time the sandbox process gets beyond the job's own limit before the host gives up on it. */
const BACKSTOP_GRACE_MS = 2_000;
/** A canceled job that does not stop within this is killed with its process. */
const CANCEL_GRACE_MS = 5_000;
const STDERR_TAIL = 4_096;
const OUT_OF_MEMORY = /heap out of memory|is_heap_oom|CALL_AND_RETRY_LAST|Allocation failed/i;

const require = createRequire(import.meta.url);
// scripts/build.mjs defines this in the bundle (its prebuilt sibling entry), so the
// child starts on plain node; from sources the TypeScript entry runs through tsx.
const bundledEntry = process.env.GUIXU_SANDBOX_ENTRY;
const entry = fileURLToPath(new URL(bundledEntry ?? './sandbox-process.ts', import.meta.url));
const execArgv = [
  // isolated-vm cannot run with Node's startup snapshot.
  '--no-node-snapshot',
  ...(bundledEntry ? [] : ['--import', pathToFileURL(require.resolve('tsx')).href]),
];

interface ActiveJob {
  id: number;
  options: SandboxRunOptions;
  finish(outcome: SandboxOutcome): void;
}

export class SandboxChild {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  private active: ActiveJob | undefined;
  exited = false;
  private stderrTail = '';
  private nextStatsRequest = 1;
  private readonly statsRequests = new Map<number, (stats: SandboxStats) => void>();

  constructor(onExit: (child: SandboxChild) => void) {
    this.child = fork(entry, [], childForkOptions(execArgv));
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL);
    });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (raw: unknown) => {
        const parsed = sandboxToHostSchema.safeParse(raw);
        if (parsed.success && parsed.data.type === 'ready') resolve();
      };
      this.child.on('message', onMessage);
      this.child.once('exit', () =>
        reject(new Error(`Sandbox process failed to start: ${this.stderrTail.trim()}`)),
      );
    });
    // Starting up keeps the host alive (someone is waiting for it); idle afterwards does not.
    this.ready.then(
      () => {
        if (!this.active) this.idle();
      },
      () => {},
    );
    this.child.on('message', (raw: unknown) => this.receive(raw));
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      const active = this.active;
      this.active = undefined;
      onExit(this);
      if (!active) return;
      const memory = OUT_OF_MEMORY.test(this.stderrTail) || signal === 'SIGABRT' || code === 134;
      active.finish({
        kind: 'failed',
        failure: memory
          ? { reason: 'memory', message: 'The sandbox ran out of memory' }
          : { reason: 'crash', message: `The sandbox process stopped (${signal ?? `exit code ${code}`})` },
      });
    });
    this.busy();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  private post(message: HostToSandbox): void {
    if (!this.exited && this.child.connected) this.child.send(message);
  }

  /** Idle sandbox processes must not keep the host process alive. */
  private idle(): void {
    this.child.unref();
    this.child.channel?.unref();
    if (this.child.stderr instanceof Socket) this.child.stderr.unref();
  }

  private busy(): void {
    this.child.ref();
    this.child.channel?.ref();
    if (this.child.stderr instanceof Socket) this.child.stderr.ref();
  }

  run(id: number, options: SandboxRunOptions): Promise<SandboxOutcome> {
    return new Promise((resolve) => {
      this.busy();
      let killTimer: NodeJS.Timeout | undefined;
      let settled = false;
      const onAbort = () => {
        this.post({ type: 'cancel', id });
        killTimer ??= setTimeout(() => this.kill(), CANCEL_GRACE_MS);
      };
      const finish = (outcome: SandboxOutcome) => {
        if (settled) return;
        settled = true;
        this.active = undefined;
        clearTimeout(backstop);
        clearTimeout(killTimer);
        options.signal?.removeEventListener('abort', onAbort);
        if (!this.exited) this.idle();
        resolve(outcome);
      };
      // The process enforces the time limit itself; this only catches a process that stopped
      // answering. The pool replaces a process whose job timed out either way.
      const backstop = setTimeout(
        () => finish({ kind: 'failed', failure: { reason: 'timeout', message: 'timeout' } }),
        options.job.limits.timeoutMs +
          BACKSTOP_GRACE_MS +
          (options.job.language === 'python' ? PYTHON_START_GRACE_MS : 0),
      );
      this.active = { id, options, finish };
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
      this.post({ type: 'run', id, job: options.job });
    });
  }

  /** The process's numbers, or undefined when it does not answer within a second. */
  stats(): Promise<SandboxStats | undefined> {
    if (this.exited) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const requestId = this.nextStatsRequest++;
      const timer = setTimeout(() => {
        this.statsRequests.delete(requestId);
        resolve(undefined);
      }, 1_000);
      this.statsRequests.set(requestId, (stats) => {
        clearTimeout(timer);
        resolve(stats);
      });
      this.post({ type: 'stats', requestId });
    });
  }

  private receive(raw: unknown): void {
    const parsed = sandboxToHostSchema.safeParse(raw);
    if (!parsed.success) return;
    const message: SandboxToHost = parsed.data;
    if (message.type === 'ready') return;
    if (message.type === 'stats') {
      this.statsRequests.get(message.requestId)?.(message.stats);
      this.statsRequests.delete(message.requestId);
      return;
    }
    const active = this.active;
    if (!active || message.id !== active.id) return;
    switch (message.type) {
      case 'log':
        active.options.onLog(message.level, message.message);
        return;
      case 'lookup':
        void this.answerLookup(active, message.requestId, message.request);
        return;
      case 'failed':
        active.finish({ kind: 'failed', failure: message.failure });
        return;
      case 'result':
        active.finish(parseResult(message.json));
        return;
    }
  }

  private async answerLookup(active: ActiveJob, requestId: number, raw: string): Promise<void> {
    let response: LookupResponse;
    try {
      const request = lookupRequestSchema.parse(JSON.parse(raw));
      response = await active.options.onLookup(request);
    } catch (error) {
      response = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    this.post({ type: 'lookupResult', id: active.id, requestId, response });
  }
}

function parseResult(json: string): SandboxOutcome {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { kind: 'failed', failure: { reason: 'internal', message: 'The sandbox returned invalid JSON' } };
  }
  const parsed = runtimeResultSchema.safeParse(value);
  if (!parsed.success) {
    return {
      kind: 'failed',
      failure: { reason: 'internal', message: 'The sandbox returned an unexpected result' },
    };
  }
  return { kind: 'result', result: parsed.data };
}
