/**
 * An AI node's run as steps: each model call (its text, model, tokens, time,
 * cost) and the tool calls it asked for (name, input, output or error), in
 * order, each tool call linked to the tool sub-node that answered it. The chat
 * panel's timeline and the node panel's Steps view both render these.
 */
import type { ApiNodeRun } from '../run/run-data.ts';
import type { WorkflowDoc } from '../model/document.ts';
import { listConnections } from '../model/operations.ts';

export interface StepToolCall {
  tool: string;
  input: string;
  output: string;
  failed: boolean;
  /** The tool sub-node that answered, when the workflow has it. */
  node?: string;
}

export interface StepUsage {
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  cost?: number;
  currency?: string;
}

/** One step of an agent (a model call and the tools it called) or a node that ran. */
export interface TimelineEntry {
  node: string;
  kind: 'node' | 'step';
  iteration?: number;
  text?: string;
  durationMs: number;
  failed: boolean;
  toolCalls: StepToolCall[];
  usage?: StepUsage;
}

/** A model call as the execution's AI usage lists it (`/api/v1/executions/:id/ai-usage`). */
export interface UsageCall {
  node: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  cost: number | null;
  currency: string | null;
}

const record = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

export const short = (value: unknown, max = 200): string => {
  const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function usageOf(value: unknown): StepUsage | undefined {
  const u = record(value);
  if (!u || typeof u.model !== 'string') return undefined;
  return {
    provider: typeof u.provider === 'string' ? u.provider : '',
    model: u.model,
    inputTokens: num(u.inputTokens),
    outputTokens: num(u.outputTokens),
    latencyMs: num(u.latencyMs),
    ...(typeof u.cost === 'number' ? { cost: u.cost } : {}),
    ...(typeof u.currency === 'string' ? { currency: u.currency } : {}),
  };
}

/** The name providers see for a tool node (the nodes' `toolNameOf`): its name parameter or its node name. */
export function toolNameOf(name: unknown, nodeName: string): string {
  const given = typeof name === 'string' ? name.trim() : '';
  const base = (given || nodeName).replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return (base || 'tool').slice(0, 64);
}

/** Tools with a fixed name whatever the node is called. */
const FIXED_TOOL_NAMES: Record<string, string> = { 'guixu.toolCalculator': 'calculator' };

/** Tool name → the tool sub-node connected to `root` (through `ai_tool`) that offers it. */
export function toolNodesOf(doc: WorkflowDoc, root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of listConnections(doc)) {
    if (c.to.node !== root || c.to.type !== 'ai_tool') continue;
    const node = doc.nodes.find((n) => n.name === c.from.node);
    if (!node) continue;
    const p = node.parameters ?? {};
    const name = FIXED_TOOL_NAMES[node.type] ?? toolNameOf(p.name ?? p.toolName, node.name);
    out.set(name, node.name);
  }
  return out;
}

/** The step entries of one run of an AI node: every `steps` entry of its output items (or its error's). */
export function stepsOfRun(
  node: string,
  run: ApiNodeRun,
  tools: ReadonlyMap<string, string> = new Map(),
): TimelineEntry[] {
  const lists: unknown[] = (run.output[0] ?? []).map((item) => (item.json as Record<string, unknown>).steps);
  const details = record(record(run.error)?.details);
  if (details) lists.push(details.steps);
  const out: TimelineEntry[] = [];
  for (const steps of lists) {
    if (!Array.isArray(steps)) continue;
    for (const raw of steps) {
      const step = record(raw);
      if (!step) continue;
      const usage = usageOf(step.usage);
      const calls = Array.isArray(step.toolCalls) ? step.toolCalls : [];
      out.push({
        node,
        kind: 'step',
        iteration: typeof step.iteration === 'number' ? step.iteration : undefined,
        text: typeof step.text === 'string' ? step.text : undefined,
        durationMs: usage?.latencyMs ?? 0,
        failed: false,
        ...(usage ? { usage } : {}),
        toolCalls: calls.flatMap((c) => {
          const call = record(c);
          if (!call) return [];
          const failed = call.error !== undefined && call.error !== null;
          const tool = String(call.tool ?? '');
          const linked = tools.get(tool);
          return [
            {
              tool,
              input: short(call.input),
              output: short(failed ? call.error : call.output),
              failed,
              ...(linked ? { node: linked } : {}),
            },
          ];
        }),
      });
    }
  }
  return out;
}

/**
 * Steps whose run data carries no price get the cost the server recorded: the
 * n-th model call of a node in the execution's usage is its n-th step.
 */
export function withUsageCosts(
  entries: readonly TimelineEntry[],
  calls: readonly UsageCall[],
): TimelineEntry[] {
  const seen = new Map<string, number>();
  return entries.map((entry) => {
    if (entry.kind !== 'step') return entry;
    const n = seen.get(entry.node) ?? 0;
    seen.set(entry.node, n + 1);
    const call = calls.filter((c) => c.node === entry.node)[n];
    if (!call) return entry;
    const usage: StepUsage = entry.usage ?? {
      provider: call.provider,
      model: call.model,
      inputTokens: call.inputTokens,
      outputTokens: call.outputTokens,
      latencyMs: call.latencyMs,
    };
    if (usage.cost !== undefined || call.cost === null || call.currency === null) return { ...entry, usage };
    return { ...entry, usage: { ...usage, cost: call.cost, currency: call.currency } };
  });
}

/** Tokens and cost per currency over steps. */
export function totalsOf(entries: readonly TimelineEntry[]) {
  let calls = 0;
  let input = 0;
  let output = 0;
  const cost: Record<string, number> = {};
  for (const e of entries) {
    if (!e.usage) continue;
    calls++;
    input += e.usage.inputTokens;
    output += e.usage.outputTokens;
    if (e.usage.cost !== undefined && e.usage.currency)
      cost[e.usage.currency] = (cost[e.usage.currency] ?? 0) + e.usage.cost;
  }
  return { calls, input, output, cost };
}

/** A cost as people read it: a few significant digits, its currency code. */
export function formatCost(amount: number, currency: string): string {
  const digits = amount !== 0 && Math.abs(amount) < 0.01 ? 6 : 4;
  return `${Number(amount.toFixed(digits))} ${currency}`;
}
