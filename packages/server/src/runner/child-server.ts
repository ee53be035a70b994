import { type ChildProcess, spawn } from 'node:child_process';
import { repoRoot, serverArgs } from '../testing/server-process.ts';

/** Test helper: the real server (`src/main.ts`) as a child process, killed or stopped like in production. */

export interface ChildServer {
  child: ChildProcess;
  url: string;
  output(): string;
  /** SIGKILL: no shutdown hook runs. */
  kill(): Promise<void>;
  /** SIGTERM: graceful shutdown. */
  stop(): Promise<void>;
}

export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const started = new Set<ChildProcess>();

/** Kills every server this process started that is still running (a test's `afterAll`, after a failure). */
export function killChildServers(): void {
  for (const child of started) child.kill('SIGKILL');
  started.clear();
}

export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, serverArgs(), {
    cwd: repoRoot,
    env: { ...process.env, GUIXU_PORT: '0', GUIXU_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  started.add(child);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  void exited.then(() => started.delete(child));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const url = await until(
    () => {
      if (gone) throw new Error(`The server exited:\n${output}`);
      return /"url":"(http:\/\/[^"]+)"/.exec(output)?.[1];
    },
    60_000,
    'the server to listen',
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`);
  });
  return {
    child,
    url,
    output: () => output,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Bearer header of the API caller; set by `signInAsOwner`. */
let authorization: Record<string, string> = {};

/** Creates the instance owner on a fresh server (or signs in on a restarted one); the API is then called as them. */
export async function signInAsOwner(base: string): Promise<void> {
  const credentials = { email: 'owner@example.com', password: 'correct-Horse-9-battery', tokens: 'body' };
  const post = (path: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      body: JSON.stringify(credentials),
      headers: { 'content-type': 'application/json' },
    });
  let response = await post('/api/v1/setup/owner');
  if (!response.ok) response = await post('/api/v1/auth/login');
  const text = await response.text();
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${text}`);
  const body: unknown = JSON.parse(text);
  const token =
    typeof body === 'object' && body !== null && 'accessToken' in body ? body.accessToken : undefined;
  if (typeof token !== 'string') throw new Error(`sign-in gave no access token: ${text}`);
  authorization = { authorization: `Bearer ${token}` };
}

export async function api(
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method,
    headers: { ...authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}
