import type { ModelMessage } from 'ai';
import type { ChatMemoryStore } from '../cluster/host-services.ts';

const MAX_TURNS = 200;
const MAX_SESSIONS = 10_000;

/** Chat turns in this process (CLI runs, tests): bounded, lost on exit. Hosts with a database give their own. */
export function createProcessMemoryStore(): ChatMemoryStore {
  const sessions = new Map<string, ModelMessage[][]>();
  return {
    async load(key, turns) {
      return (sessions.get(key) ?? []).slice(-turns).flat();
    },
    async append(key, messages) {
      const list = sessions.get(key) ?? [];
      sessions.delete(key);
      list.push(structuredClone([...messages]));
      sessions.set(key, list.slice(-MAX_TURNS));
      if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
    },
    async clear(key) {
      sessions.delete(key);
    },
  };
}

export const processMemoryStore = createProcessMemoryStore();
