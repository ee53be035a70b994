/**
 * How a sandbox process is forked. Everything is built on null-prototype
 * objects and set explicitly: Node reads the env with `for…in` and several
 * fork options by plain property access, so a key planted on
 * `Object.prototype` (e.g. `NODE_OPTIONS='--require …'`) would otherwise reach
 * the child. The child gets only the variables it needs, never the host's
 * secrets.
 */
import type { ForkOptions } from 'node:child_process';

/** Variables the sandbox process needs: finding `node` helpers, and the time zone user code sees. */
const CHILD_VARIABLES = ['PATH', 'TZ'] as const;

function nullPrototype<T extends object>(values: T): T {
  return Object.assign(Object.create(null), values);
}

export function childEnv(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = nullPrototype({});
  for (const name of CHILD_VARIABLES) {
    const value = Object.hasOwn(source, name) ? source[name] : undefined;
    if (typeof value === 'string') env[name] = value;
  }
  return env;
}

export function childForkOptions(execArgv: readonly string[]): ForkOptions {
  return nullPrototype<ForkOptions>({
    execPath: process.execPath,
    execArgv: [...execArgv],
    cwd: process.cwd(),
    env: childEnv(),
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    detached: false,
    windowsHide: true,
  });
}
