/**
 * Host side of the Code node sandbox: a small pool of sandbox processes, each
 * running one job at a time. A process that dies (V8 out of memory is fatal to
 * the whole process, whatever isolated-vm's memory limit says) fails only the
 * job it was running and is replaced on the next run.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { NodeLogEntry } from '@guixu/core';
import { sandboxProcessCount } from './config.ts';
import {
  type HostToSandbox,
  type LookupRequest,
  type LookupResponse,
  lookupRequestSchema,
  type RuntimeResult,
  runtimeResultSchema,
  type SandboxFailure,
  type SandboxJob,
  type SandboxToHost,
  sandboxToHostSchema,
} from './protocol.ts';

export interface SandboxRunOptions {
  job: SandboxJob;
  signal?: AbortSignal;
  onLog(level: NodeLogEntry['level'], message: string): void;
  onLookup(request: LookupRequest): LookupResponse | Promise<LookupResponse>;
}

export type SandboxOutcome =
  | { kind: 'result'; result: RuntimeResult }
  | { kind: 'failed'; failure: SandboxFailure };

/** Time the sandbox process gets beyond the job's own limit before the host kills it. */
const KILL_GRACE_MS = 5_000;
const STDERR_TAIL = 4_096;
const OUT_OF_MEMORY = /heap out of memory|is_heap_oom|CALL_AND_RETRY_LAST|Allocation failed/i;

const require = createRequire(import.meta.url);
// scripts/build.mjs defines this in the bundle (its prebuilt sibling entry), so the
// child starts on plain node; from sources the TypeScript entry runs through tsx.
const bundledEntry = process.env.GUIXU_SANDBOX_ENTRY;
const entry = fileURLToPath(new URL(bundledEntry ?? './sandbox-process.ts', import.meta.url));

interface ActiveJob {
  id: number;
  options: SandboxRunOptions;
  finish(outcome: SandboxOutcome): void;
}

class SandboxProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  active: ActiveJob | undefined;
  exited = false;
  private stderrTail = '';

  constructor(onExit: (process: SandboxProcess) => void) {
    const loader = bundledEntry ? [] : ['--import', pathToFileURL(require.resolve('tsx')).href];
    this.child = fork(entry, [], {
      execArgv: ['--no-node-snapshot', ...loader],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // The sandbox process needs nothing from the host's environment (secrets included).
      env: { PATH: process.env.PATH ?? '', TZ: process.env.TZ ?? '' },
    });
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
        killTimer ??= setTimeout(() => this.child.kill('SIGKILL'), KILL_GRACE_MS);
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
      // The process enforces the time limit itself; this only catches a process that stopped answering.
      const backstop = setTimeout(() => {
        this.active = undefined;
        this.child.kill('SIGKILL');
        finish({ kind: 'failed', failure: { reason: 'timeout', message: 'timeout' } });
      }, options.job.limits.timeoutMs + KILL_GRACE_MS);
      this.active = { id, options, finish };
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
      this.post({ type: 'run', id, job: options.job });
    });
  }

  private receive(raw: unknown): void {
    const parsed = sandboxToHostSchema.safeParse(raw);
    const active = this.active;
    if (!parsed.success || !active) return;
    const message: SandboxToHost = parsed.data;
    if (message.type === 'ready' || message.id !== active.id) return;
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

/** A process-wide pool of sandbox processes. */
export class SandboxPool {
  private readonly processes = new Set<SandboxProcess>();
  /** Processes handed to a caller that has not started its job yet. */
  private readonly claimed = new Set<SandboxProcess>();
  private readonly waiting: (() => void)[] = [];
  private nextId = 1;

  constructor(private readonly size: () => number = () => sandboxProcessCount()) {}

  async run(options: SandboxRunOptions): Promise<SandboxOutcome> {
    const sandbox = await this.acquire();
    try {
      await sandbox.ready;
    } catch (error) {
      this.release(sandbox);
      return {
        kind: 'failed',
        failure: { reason: 'internal', message: error instanceof Error ? error.message : String(error) },
      };
    }
    if (options.signal?.aborted) {
      this.release(sandbox);
      return { kind: 'failed', failure: { reason: 'canceled', message: 'The run was canceled' } };
    }
    try {
      return await sandbox.run(this.nextId++, options);
    } finally {
      this.release(sandbox);
    }
  }

  /** Starts the sandbox processes now (e.g. at server start) so the first Code node run doesn't wait. */
  prewarm(): Promise<void> {
    while (this.processes.size < this.size()) this.spawn();
    return Promise.all([...this.processes].map((sandbox) => sandbox.ready.catch(() => {}))).then(() => {});
  }

  /** Process ids of the live sandbox processes (operators, tests). */
  processIds(): number[] {
    return [...this.processes].flatMap((sandbox) =>
      sandbox.child.pid === undefined ? [] : [sandbox.child.pid],
    );
  }

  /** Stops every sandbox process (tests, shutdown). */
  close(): void {
    for (const sandbox of this.processes) sandbox.child.kill('SIGKILL');
    this.processes.clear();
  }

  private async acquire(): Promise<SandboxProcess> {
    for (;;) {
      for (const sandbox of this.processes) {
        if (!sandbox.active && !sandbox.exited && !this.claimed.has(sandbox)) {
          this.claimed.add(sandbox);
          return sandbox;
        }
      }
      if (this.processes.size < this.size()) {
        const sandbox = this.spawn();
        this.claimed.add(sandbox);
        return sandbox;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private spawn(): SandboxProcess {
    const sandbox = new SandboxProcess((dead) => {
      this.processes.delete(dead);
      this.claimed.delete(dead);
      this.wake();
    });
    this.processes.add(sandbox);
    return sandbox;
  }

  private release(sandbox: SandboxProcess): void {
    this.claimed.delete(sandbox);
    this.wake();
  }

  private wake(): void {
    this.waiting.shift()?.();
  }
}

let shared: SandboxPool | undefined;

export function codeSandbox(): SandboxPool {
  shared ??= new SandboxPool();
  return shared;
}
