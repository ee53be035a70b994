/**
 * What a host may give AI nodes through `services` (all optional): a price table, a
 * usage sink (the server's llm_usage table), a budget check, chat memory storage and a
 * stream for partial answers. Read with guards: services are an open record.
 */
import type { JsonObject, NodeRunContext } from '@guixu/core';
import type { ModelMessage } from 'ai';
import type { ModelPrice, ModelUsage } from '../model/usage.ts';
import type { VectorHit } from '../vectors/vector-backend.ts';

export const AI_SERVICES = {
  prices: 'aiPrices',
  usage: 'aiUsage',
  memory: 'aiChatMemory',
  stream: 'aiStream',
  vectorStore: 'aiVectorStore',
} as const;

export interface UsageSink {
  /** Records one model call; may throw AI_BUDGET_EXCEEDED to stop the node. */
  record(usage: ModelUsage, where: { node: string; executionId: string; workflowId?: string }): Promise<void>;
  /** Throws AI_BUDGET_EXCEEDED when the project's budget is spent (checked before each call). */
  check?(where: { node: string; executionId: string; workflowId?: string }): Promise<void>;
}

export interface ChatMemoryStore {
  /** The messages of the last `turns` turns, oldest first. */
  load(sessionKey: string, turns: number): Promise<ModelMessage[]>;
  /** Stores one turn: the user's message and everything answered to it. */
  append(sessionKey: string, messages: readonly ModelMessage[]): Promise<void>;
  clear(sessionKey: string): Promise<void>;
}

/** One search of a knowledge base, by its id, with the query as text (the host embeds it). */
export interface KnowledgeBaseQuery {
  knowledgeBaseId: string;
  query: string;
  k: number;
  minScore?: number;
  filter?: JsonObject;
  /** The node searching (a label for the host's usage record). */
  node?: string;
}

/**
 * What `aiVectorStore` offers for knowledge bases: the host checks that the base
 * belongs to the run's project, embeds the query with the base's own embedding
 * model and searches its chunks.
 */
export interface KnowledgeBaseSearch {
  searchKnowledgeBase(query: KnowledgeBaseQuery, signal?: AbortSignal): Promise<VectorHit[]>;
}

type Services = Pick<NodeRunContext, 'services'>;

function service<T extends object>(ctx: Services, key: string, method: string): T | undefined {
  const value = ctx.services[key];
  return typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)[method] === 'function'
    ? (value as T)
    : undefined;
}

export function hostPrices(ctx: Services): ModelPrice[] | undefined {
  const value = ctx.services[AI_SERVICES.prices];
  return Array.isArray(value) ? (value as ModelPrice[]) : undefined;
}

export const usageSink = (ctx: Services) => service<UsageSink>(ctx, AI_SERVICES.usage, 'record');
export const memoryStore = (ctx: Services) => service<ChatMemoryStore>(ctx, AI_SERVICES.memory, 'load');
export const knowledgeBaseSearch = (ctx: Services) =>
  service<KnowledgeBaseSearch>(ctx, AI_SERVICES.vectorStore, 'searchKnowledgeBase');

/** Partial answers go here when the run was started by a chat that streams (Chat Trigger). */
export function textStream(ctx: Services): ((delta: string) => void) | undefined {
  const value = ctx.services[AI_SERVICES.stream];
  return typeof value === 'function' ? (delta: string) => (value as (d: string) => void)(delta) : undefined;
}

export function splitModelList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
}
