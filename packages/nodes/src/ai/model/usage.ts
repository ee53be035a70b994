import type { JsonObject } from '@guixu/core';

/** One model call as recorded in run data (and, on a server, in the llm_usage table). */
export interface ModelUsage {
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  /** Set when a price is known for the model (see the host's price table). */
  cost?: number;
  currency?: string;
}

/** Price per million tokens; a host passes its table as `services.aiPrices`. */
export interface ModelPrice {
  provider?: string;
  model: string;
  inputPerMillion: number;
  outputPerMillion: number;
  currency: string;
}

export function priced(usage: ModelUsage, prices: readonly ModelPrice[] | undefined): ModelUsage {
  const price =
    prices?.find((p) => p.model === usage.model && p.provider === usage.provider) ??
    prices?.find((p) => p.model === usage.model && p.provider === undefined);
  if (!price) return usage;
  const cost =
    (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
  return { ...usage, cost: Math.round(cost * 1e8) / 1e8, currency: price.currency };
}

/** Totals over calls (cost per currency) and each call: what a node's output item carries as `usage`. */
export function usageSummary(calls: readonly ModelUsage[]): JsonObject {
  const summary: JsonObject = {
    calls: calls.map(usageJson),
    inputTokens: calls.reduce((s, c) => s + c.inputTokens, 0),
    outputTokens: calls.reduce((s, c) => s + c.outputTokens, 0),
  };
  const costs: Record<string, number> = {};
  for (const c of calls)
    if (c.cost !== undefined && c.currency) costs[c.currency] = (costs[c.currency] ?? 0) + c.cost;
  if (Object.keys(costs).length > 0) summary.cost = costs;
  return summary;
}

export function usageJson(usage: ModelUsage): JsonObject {
  return { ...usage };
}
