/**
 * Vector store on the embedded sqlite-vec database (or the host's store): insert
 * documents (chunks embedded by the connected Embeddings node), search by a query
 * with a metadata filter and a score threshold, delete documents, serve as an
 * agent tool that answers with the best chunks and their sources, or hand its
 * search to a retriever or a Vector Store Tool ("Retrieve Documents").
 */
import {
  defineNode,
  GuixuError,
  type JsonObject,
  type NodeRunContext,
  type NodeServices,
  p,
  type PortList,
} from '@guixu/core';
import { projectTenant, SANDBOX_TENANT_SERVICE } from '../../code/sandbox/tenant.ts';
import type { AgentTool, SuppliedVectorStore } from '../cluster/contracts.ts';
import { textWithDefault } from '../cluster/default-expression.ts';
import { type KnowledgeBaseQuery, knowledgeBaseSearch } from '../cluster/host-services.ts';
import { meteredEmbed } from '../cluster/metered-model.ts';
import { suppliedOne } from '../cluster/sub-nodes.ts';
import { toolNameOf } from '../cluster/tool-name.ts';
import { processVectorBackend } from '../vectors/sqlite-vec-backend.ts';
import type { VectorBackend, VectorHit } from '../vectors/vector-backend.ts';

type Mode = 'insert' | 'load' | 'retrieve' | 'retrieveAsTool' | 'delete';
type Source = 'collection' | 'knowledgeBase';

const embedding = {
  type: 'ai_embedding',
  displayName: 'Embeddings',
  required: true,
  maxConnections: 1,
} as const;
const INPUTS: Record<Mode, PortList> = {
  insert: [
    'main',
    { type: 'ai_document', displayName: 'Document', required: true, maxConnections: 1 },
    embedding,
  ],
  load: ['main', embedding],
  retrieve: [embedding],
  retrieveAsTool: [embedding],
  delete: ['main'],
};
/** A knowledge base embeds queries with its own model: no Embeddings input. */
const SEARCHES_KNOWLEDGE_BASE = (mode: Mode, source: Source) =>
  source === 'knowledgeBase' && (mode === 'load' || mode === 'retrieve' || mode === 'retrieveAsTool');
const SEARCH_MODES: Mode[] = ['load', 'retrieve', 'retrieveAsTool'];

/** Searches a knowledge base of the run's project through the host (the server checks the project). */
function knowledgeBaseSearcher(
  services: Pick<NodeRunContext, 'services' | 'node'>,
  knowledgeBaseId: string,
): (query: Omit<KnowledgeBaseQuery, 'knowledgeBaseId'>, signal?: AbortSignal) => Promise<VectorHit[]> {
  const host = knowledgeBaseSearch(services);
  if (!host) {
    throw new GuixuError(
      'AI_KNOWLEDGE_BASE_UNAVAILABLE',
      'Knowledge bases are searched through the GuixuFlow server; this run has no server',
      { parameter: 'source', description: 'Use a collection, or run the workflow on the server.' },
    );
  }
  if (!knowledgeBaseId.trim()) {
    throw new GuixuError('AI_KNOWLEDGE_BASE_MISSING', 'Choose the knowledge base to search', {
      parameter: 'knowledgeBaseId',
    });
  }
  return (query, signal) =>
    host.searchKnowledgeBase(
      { ...query, knowledgeBaseId: knowledgeBaseId.trim(), node: services.node.name },
      signal,
    );
}

/**
 * The host's store, or the process-wide sqlite-vec one. In the process store a
 * collection is scoped by the run's project when the host names it (worker threads
 * serve every project), so one project never reads another's chunks.
 */
function storeOf(services: NodeServices, collection: string): { backend: VectorBackend; collection: string } {
  const host = services.aiVectorStore;
  if (typeof host === 'object' && host !== null && typeof (host as VectorBackend).search === 'function') {
    return { backend: host as VectorBackend, collection };
  }
  const project = services[SANDBOX_TENANT_SERVICE];
  const scoped = typeof project === 'string' ? `${projectTenant(project)}/${collection}` : collection;
  return { backend: processVectorBackend(), collection: scoped };
}

export function hitJson(hit: VectorHit): JsonObject {
  return {
    text: hit.text,
    score: Math.round(hit.score * 10_000) / 10_000,
    documentId: hit.documentId,
    metadata: hit.metadata,
  };
}

export default defineNode({
  type: 'guixu.vectorStoreSqlite',
  version: 1,
  displayName: 'Vector Store (SQLite)',
  description: 'Stores and searches document chunks by meaning, on the embedded sqlite-vec database.',
  group: 'ai',
  icon: 'database',
  inputs: (params) =>
    SEARCHES_KNOWLEDGE_BASE(params.mode, params.source)
      ? INPUTS[params.mode].filter((port) => port === 'main')
      : INPUTS[params.mode],
  outputs: (params) => {
    if (params.mode === 'retrieveAsTool') return [{ type: 'ai_tool', displayName: 'Tool' }];
    if (params.mode === 'retrieve') return [{ type: 'ai_vectorStore', displayName: 'Vector Store' }];
    return ['main'];
  },
  params: {
    mode: p.options({
      label: 'Operation Mode',
      options: [
        { value: 'insert', label: 'Insert Documents' },
        { value: 'load', label: 'Get Many (search)' },
        {
          value: 'retrieve',
          label: 'Retrieve Documents (For Retriever or Vector Store Tool)',
          description: 'Connect to a Vector Store Retriever or a Vector Store Tool',
        },
        { value: 'retrieveAsTool', label: 'Retrieve Documents (As Tool for AI Agent)' },
        { value: 'delete', label: 'Delete Documents' },
      ],
      default: 'insert',
    }),
    source: p.options({
      label: 'Search In',
      options: [
        { value: 'collection', label: 'A collection of this store' },
        { value: 'knowledgeBase', label: 'A knowledge base of the project' },
      ],
      default: 'collection',
      displayOptions: { show: { mode: SEARCH_MODES } },
    }),
    knowledgeBaseId: p.string({
      label: 'Knowledge Base ID',
      description: "A knowledge base of the workflow's project; queries are embedded with its own model.",
      displayOptions: { show: { mode: SEARCH_MODES, source: ['knowledgeBase'] } },
    }),
    collection: p.string({ label: 'Collection', default: 'default', required: true }),
    prompt: p.string({
      label: 'Query',
      default: '={{ $json.chatInput }}',
      displayOptions: { show: { mode: ['load'] } },
    }),
    documentId: p.string({ label: 'Document ID', displayOptions: { show: { mode: ['delete'] } } }),
    toolName: p.string({ label: 'Tool Name', displayOptions: { show: { mode: ['retrieveAsTool'] } } }),
    toolDescription: p.string({
      label: 'Tool Description',
      default: 'Searches the knowledge base and returns the most relevant passages with their sources.',
      rows: 2,
      displayOptions: { show: { mode: ['retrieveAsTool'] } },
    }),
    topK: p.number({
      label: 'Limit',
      default: 4,
      min: 1,
      max: 100,
      integer: true,
      displayOptions: { hide: { mode: ['insert', 'delete', 'retrieve'] } },
    }),
    minScore: p.number({
      label: 'Minimum Score',
      default: 0,
      min: -1,
      max: 1,
      displayOptions: { hide: { mode: ['insert', 'delete'] } },
    }),
    output: p.options({
      label: 'Output',
      options: [
        { value: 'items', label: 'One Item per Chunk' },
        {
          value: 'oneItem',
          label: 'One Item with All Chunks',
          description:
            '`result`: [{ content, title, score, documentId, metadata }] (Dify’s knowledge retrieval shape) and `text`, the passages with their sources',
        },
      ],
      default: 'items',
      displayOptions: { show: { mode: ['load'] } },
    }),
    filter: p.json({
      label: 'Metadata Filter',
      description: 'Only chunks whose metadata has these values, e.g. {"source": "handbook.md"}.',
      displayOptions: { hide: { mode: ['insert', 'delete'] } },
    }),
  },
  docs: [
    'Insert: the Default Data Loader splits each item into chunks (source, chunk number, start/end kept as',
    'metadata); a document is replaced when inserted again. Get Many: one output item per hit `{ text, score,',
    'documentId, metadata }`. As a tool, the agent gets the same for its query. Without a host store, chunks live',
    'in GUIXU_VECTOR_DB_PATH (a SQLite file) or in memory.',
  ].join('\n'),
  async run(ctx) {
    const params = ctx.params(0);
    const { backend, collection } = storeOf(ctx.services, params.collection);
    if (params.mode === 'retrieveAsTool' || params.mode === 'retrieve') {
      throw new GuixuError(
        'AI_TOOL_MODE',
        params.mode === 'retrieve'
          ? 'In "Retrieve Documents" mode this node is connected to a retriever or a Vector Store Tool, not run'
          : 'In "As Tool" mode this node is connected to an AI Agent, not run',
        { parameter: 'mode' },
      );
    }
    if (params.mode === 'delete') {
      const ids = ctx.items.map((_, i) => ctx.params(i).documentId).filter(Boolean);
      const removed = await backend.deleteDocuments(collection, ids);
      return [[{ json: { deletedChunks: removed, documents: ids } }]];
    }
    if (SEARCHES_KNOWLEDGE_BASE(params.mode, params.source)) {
      const search = knowledgeBaseSearcher(ctx, params.knowledgeBaseId);
      const out = [];
      for (let i = 0; i < ctx.items.length; i++) {
        const item = ctx.params(i);
        const hits = await search(
          {
            query: textWithDefault(ctx, item.prompt, i),
            k: item.topK,
            minScore: item.minScore,
            ...optionalFilter(item.filter),
          },
          ctx.signal,
        );
        out.push(...hitItems(hits, i, item.output));
      }
      return [out];
    }
    const { embedder } = await suppliedOne(ctx, 'embedder', 0);
    const embed = meteredEmbed(ctx, embedder);
    if (params.mode === 'insert') {
      const loader = await suppliedOne(ctx, 'loader', 0);
      const chunks = await loader.load(ctx.items, ctx.signal);
      const { vectors, usage } = await embed(chunks.map((c) => c.text));
      await backend.upsert(
        collection,
        chunks.map((chunk, i) => ({ ...chunk, vector: vectors[i] ?? [] })),
      );
      const documents = [...new Set(chunks.map((c) => c.documentId))];
      return [[{ json: { insertedChunks: chunks.length, documents, usage } }]];
    }
    const out = [];
    for (let i = 0; i < ctx.items.length; i++) {
      const item = ctx.params(i);
      const query = textWithDefault(ctx, item.prompt, i);
      const { vectors } = await embed([query]);
      const hits = await backend.search(collection, {
        vector: vectors[0] ?? [],
        k: item.topK,
        minScore: item.minScore,
        filter: filterOf(item.filter),
      });
      out.push(...hitItems(hits, i, item.output));
    }
    return [out];
  },
  async supplyData(ctx, itemIndex): Promise<AgentTool | SuppliedVectorStore> {
    const params = ctx.params(itemIndex);
    if (params.mode === 'retrieve') return vectorStoreOf(ctx, params, itemIndex);
    const tool = {
      kind: 'tool' as const,
      name: toolNameOf(params.toolName, ctx.node.name),
      description: params.toolDescription,
      inputSchema: {
        type: 'object',
        properties: { query: { type: 'string', description: 'What to look for' } },
        required: ['query'],
      },
    };
    const queryOf = (input: unknown) =>
      typeof input === 'object' && input !== null ? String((input as { query?: unknown }).query ?? '') : '';
    if (SEARCHES_KNOWLEDGE_BASE(params.mode, params.source)) {
      const search = knowledgeBaseSearcher(ctx, params.knowledgeBaseId);
      return {
        ...tool,
        async run(input, signal) {
          const hits = await search(
            {
              query: queryOf(input),
              k: params.topK,
              minScore: params.minScore,
              ...optionalFilter(params.filter),
            },
            signal,
          );
          return hits.map(hitJson);
        },
      };
    }
    const { embedder } = await suppliedOne(ctx, 'embedder', itemIndex);
    const { backend, collection } = storeOf(ctx.services, params.collection);
    const embed = meteredEmbed(ctx, embedder);
    return {
      ...tool,
      async run(input, signal) {
        const query = queryOf(input);
        const { vectors } = await embed([query], signal);
        const hits = await backend.search(collection, {
          vector: vectors[0] ?? [],
          k: params.topK,
          minScore: params.minScore,
          filter: filterOf(params.filter),
        });
        return hits.map(hitJson);
      },
    };
  },
});

/**
 * "Retrieve Documents": the store's search for a retriever or a Vector Store Tool,
 * which choose how many chunks; this node's metadata filter and minimum score apply.
 */
async function vectorStoreOf(
  ctx: NodeRunContext,
  params: {
    mode: Mode;
    source: Source;
    knowledgeBaseId: string;
    collection: string;
    minScore: number;
    filter?: unknown;
  },
  itemIndex: number,
): Promise<SuppliedVectorStore> {
  const filter = optionalFilter(params.filter);
  if (SEARCHES_KNOWLEDGE_BASE(params.mode, params.source)) {
    const search = knowledgeBaseSearcher(ctx, params.knowledgeBaseId);
    return {
      kind: 'vectorStore',
      search: (query, k, signal) => search({ query, k, minScore: params.minScore, ...filter }, signal),
    };
  }
  const { embedder } = await suppliedOne(ctx, 'embedder', itemIndex);
  const { backend, collection } = storeOf(ctx.services, params.collection);
  const embed = meteredEmbed(ctx, embedder);
  return {
    kind: 'vectorStore',
    async search(query, k, signal) {
      const { vectors } = await embed([query], signal);
      return backend.search(collection, {
        vector: vectors[0] ?? [],
        k,
        minScore: params.minScore,
        ...filter,
      });
    },
  };
}

/** The hits of one query: an item each, or one item with `result` (Dify's knowledge retrieval shape). */
function hitItems(hits: readonly VectorHit[], item: number, output: 'items' | 'oneItem') {
  if (output === 'oneItem') {
    const result = hits.map((hit) => ({
      content: hit.text,
      title: typeof hit.metadata.source === 'string' ? hit.metadata.source : hit.documentId,
      ...hitJson(hit),
    }));
    // `text`: the passages as a prompt reads them, each with its source.
    const text = result.map((r) => `[${r.title}] ${r.content}`).join('\n\n');
    return [{ json: { result, text }, pairedItem: { item } }];
  }
  return hits.map((hit) => ({ json: hitJson(hit), pairedItem: { item } }));
}

function optionalFilter(value: unknown): { filter?: JsonObject } {
  const filter = filterOf(value);
  return filter === undefined ? {} : { filter };
}

function filterOf(value: unknown): JsonObject | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new GuixuError('VECTOR_FILTER_INVALID', 'The metadata filter must be a JSON object', {
      parameter: 'filter',
    });
  }
  return value as JsonObject;
}
