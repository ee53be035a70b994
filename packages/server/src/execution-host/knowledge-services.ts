/**
 * Knowledge-base search for runs (`aiVectorStore.searchKnowledgeBase`): whatever
 * thread runs the engine, the search goes to the main thread's knowledge host with
 * the run's project taken from the main thread's record of the run.
 */
import type { NodeServices } from '@guixu/core';
import { AI_SERVICES, type KnowledgeBaseQuery, type KnowledgeBaseSearch, type VectorHit } from '@guixu/nodes';
import type { AiRun } from './ai-services.ts';

/**
 * What features/knowledge-bases serves to runs (set on the runner's services under
 * this key). The run is the main thread's record of it: its project scopes the
 * search, and the query's embedding is recorded as the run's AI usage.
 */
export interface KnowledgeHost {
  search(run: AiRun, query: KnowledgeBaseQuery, signal?: AbortSignal): Promise<VectorHit[]>;
}

export const KNOWLEDGE_HOST_SERVICE = 'guixuKnowledgeHost';

export function knowledgeHostOf(services: NodeServices): KnowledgeHost | undefined {
  const host = services[KNOWLEDGE_HOST_SERVICE];
  return typeof host === 'object' && host !== null && typeof Reflect.get(host, 'search') === 'function'
    ? (host as KnowledgeHost)
    : undefined;
}

/** The `aiVectorStore` service of one run, given how to reach the host. */
export function knowledgeNodeServices(
  search: (query: KnowledgeBaseQuery, signal?: AbortSignal) => Promise<unknown>,
): Record<string, unknown> {
  const service: KnowledgeBaseSearch = {
    searchKnowledgeBase: async (query, signal) => hitsOf(await search(query, signal)),
  };
  return { [AI_SERVICES.vectorStore]: service };
}

function hitsOf(value: unknown): VectorHit[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (hit): hit is VectorHit =>
      typeof hit === 'object' &&
      hit !== null &&
      typeof Reflect.get(hit, 'text') === 'string' &&
      typeof Reflect.get(hit, 'score') === 'number',
  );
}
