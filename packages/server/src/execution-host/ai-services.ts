/**
 * The AI services of one run (usage and budget, prices, chat memory, prompt
 * templates, streamed answers), as nodes read them from `services` (keys in
 * `@guixu/nodes`' AI_SERVICES). Whatever thread runs the engine, every call goes to
 * the main thread's `AiHost` with the run's project taken from the main thread's
 * record of the run, never from what the run says.
 */
import type { NodeServices, Workflow } from '@guixu/core';
import {
  AI_SERVICES,
  type ChatMemoryStore,
  type ModelPrice,
  type ModelUsage,
  type UsageSink,
} from '@guixu/nodes';

/** Where a model call happened (what the usage sink is told). */
export interface UsageWhere {
  node: string;
  executionId: string;
  workflowId?: string;
}

/** One request of a run to the main thread's AI host (plain JSON: it crosses the worker boundary). */
export type AiCall =
  | { op: 'usage.record'; usage: ModelUsage; where: UsageWhere }
  | { op: 'usage.check'; where: UsageWhere }
  | { op: 'memory.load'; key: string; turns: number }
  | { op: 'memory.append'; key: string; messages: unknown[] }
  | { op: 'memory.clear'; key: string }
  | { op: 'prompt.get'; id: string; version?: number };

/** The run a call is for, as the main thread knows it. */
export interface AiRun {
  executionId: string;
  projectId: string | null;
  workflowId: string | null;
}

/** What the server's AI features serve to runs (features/ai-usage sets it on the runner's services). */
export interface AiHost {
  /** The price table a run of `projectId` prices its calls with (kept in memory: read on every dispatch). */
  prices(projectId: string | null): ModelPrice[];
  serve(run: AiRun, call: AiCall): Promise<unknown>;
  /** A partial answer of a run (for a chat that streams it). */
  stream(executionId: string, delta: string): void;
}

/**
 * Where the AI host sits on the runner's services: a symbol, so node code (which
 * sees those services) cannot name it and call the host for another project.
 */
const AI_HOST = Symbol('guixu.aiHost');
/** Prompt templates by id, for the LLM Chain and the Agent (`@guixu/nodes` reads this key). */
export const AI_PROMPTS_SERVICE = 'aiPrompts';

export function setAiHost(services: NodeServices, host: AiHost): void {
  // Not enumerable: per-run copies of the services (`{ ...services }`) leave it behind.
  Object.defineProperty(services, AI_HOST, { value: host, enumerable: false, configurable: true });
}

export function aiHostOf(services: NodeServices): AiHost | undefined {
  const host: unknown = Reflect.get(services, AI_HOST);
  return typeof host === 'object' && host !== null && 'serve' in host && 'prices' in host
    ? (host as AiHost)
    : undefined;
}

const usesAi = new WeakMap<Workflow, boolean>();

/** Whether a workflow has AI sub-nodes (an `ai_*` connection): only its runs get AI services. */
export function workflowUsesAi(workflow: Workflow): boolean {
  let known = usesAi.get(workflow);
  if (known === undefined) {
    known = Object.values(workflow.connections ?? {}).some((byType) =>
      Object.keys(byType ?? {}).some((type) => type.startsWith('ai_')),
    );
    usesAi.set(workflow, known);
  }
  return known;
}

/** The services a run's nodes see, given how to reach the host (directly, or through the worker protocol). */
export function aiNodeServices(options: {
  prices: ModelPrice[];
  call(call: AiCall): Promise<unknown>;
  stream(delta: string): void;
}): Record<string, unknown> {
  const { call } = options;
  const usage: UsageSink = {
    record: async (value, where) => {
      await call({ op: 'usage.record', usage: value, where });
    },
    check: async (where) => {
      await call({ op: 'usage.check', where });
    },
  };
  const memory: ChatMemoryStore = {
    load: async (key, turns) => messagesOf(await call({ op: 'memory.load', key, turns })),
    append: async (key, messages) => {
      await call({ op: 'memory.append', key, messages: [...messages] });
    },
    clear: async (key) => {
      await call({ op: 'memory.clear', key });
    },
  };
  return {
    [AI_SERVICES.prices]: options.prices,
    [AI_SERVICES.usage]: usage,
    [AI_SERVICES.memory]: memory,
    [AI_SERVICES.stream]: options.stream,
    [AI_PROMPTS_SERVICE]: {
      get: (id: string, version?: number) =>
        call({ op: 'prompt.get', id, ...(version === undefined ? {} : { version }) }),
    },
  };
}

/** The host answers with messages it stored itself; only their outline is checked here. */
function messagesOf(value: unknown): Awaited<ReturnType<ChatMemoryStore['load']>> {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (m): m is Awaited<ReturnType<ChatMemoryStore['load']>>[number] =>
      typeof m === 'object' && m !== null && typeof Reflect.get(m, 'role') === 'string',
  );
}
