import { createHash } from 'node:crypto';

/**
 * Long-lived connections (database pools, Redis clients) kept per credential,
 * per thread: node code runs in the execution worker threads, so each worker
 * holds its own. A connection unused for `idleMs` is closed; `closeConnections`
 * closes them all (worker or server shutdown, tests). Entries are keyed by a
 * hash of the connection settings, so a changed password gets a new pool and
 * no key holds a secret in clear.
 */
export interface Closable {
  close(): Promise<void>;
}

interface Entry {
  value: Closable;
  users: number;
  lastUsed: number;
  timer: NodeJS.Timeout | undefined;
}

const entries = new Map<string, Entry>();

export const DEFAULT_IDLE_MS = 60_000;

/** A stable key for connection settings (a digest: the settings hold passwords). */
export function connectionKey(kind: string, settings: Record<string, unknown>): string {
  const text = JSON.stringify(Object.entries(settings).sort(([a], [b]) => a.localeCompare(b)));
  return `${kind}:${createHash('sha256').update(text).digest('hex')}`;
}

function schedule(key: string, entry: Entry, idleMs: number): void {
  if (entry.timer) clearTimeout(entry.timer);
  entry.timer = setTimeout(() => {
    entry.timer = undefined;
    if (entries.get(key) !== entry || entry.users > 0) return;
    entries.delete(key);
    void entry.value.close().catch(() => undefined);
  }, idleMs);
  // An idle pool never keeps a process or worker alive.
  entry.timer.unref();
}

/**
 * Runs `use` with the connection for `key` (created by `create` when there is
 * none) and starts the idle countdown once no run uses it any more.
 */
export async function withConnection<T extends Closable, R>(
  key: string,
  create: () => T,
  use: (connection: T) => Promise<R>,
  idleMs = DEFAULT_IDLE_MS,
): Promise<R> {
  let entry = entries.get(key);
  if (!entry) {
    entry = { value: create(), users: 0, lastUsed: Date.now(), timer: undefined };
    entries.set(key, entry);
  }
  const current = entry;
  current.users++;
  if (current.timer) clearTimeout(current.timer);
  current.timer = undefined;
  try {
    // The entry was created by `create` for this key, so it holds a T.
    return await use(current.value as T);
  } finally {
    current.users--;
    current.lastUsed = Date.now();
    if (current.users === 0) schedule(key, current, idleMs);
  }
}

/** Closes one connection now (after a failure that makes it unusable). */
export async function dropConnection(key: string): Promise<void> {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  if (entry.timer) clearTimeout(entry.timer);
  await entry.value.close().catch(() => undefined);
}

/** Closes every cached connection of this thread. */
export async function closeConnections(): Promise<void> {
  const all = [...entries.keys()];
  await Promise.all(all.map((key) => dropConnection(key)));
}

/** Connections this thread holds open (tests, operators). */
export function openConnectionCount(): number {
  return entries.size;
}
