import type { RunningServer } from './servers.ts';

/** Keeps track of servers started by a test file so `afterEach` can close them. */
export function serverPool() {
  const running: RunningServer[] = [];
  return {
    async track<T extends RunningServer>(server: Promise<T>): Promise<T> {
      const started = await server;
      running.push(started);
      return started;
    },
    async closeAll(): Promise<void> {
      await Promise.all(running.splice(0).map((s) => s.close()));
    },
  };
}

/** Echo of what the server received, as tests assert on it. */
export interface Echo {
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function queryOf(url: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of new URL(url, 'http://x').searchParams) {
    out[k] = [...(out[k] ?? []), v];
  }
  return out;
}
