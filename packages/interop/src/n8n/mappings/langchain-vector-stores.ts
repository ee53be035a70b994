import { type N8nMapping, locatorValue, record } from '../mapping.ts';

const LANGCHAIN = '@n8n/n8n-nodes-langchain.';
/** The n8n vector stores and the parameter naming their collection (index, table, memory key). */
const STORES: Record<string, { collection: string; external: string | null }> = {
  vectorStoreInMemory: { collection: 'memoryKey', external: null },
  vectorStorePGVector: { collection: 'tableName', external: 'PostgreSQL (pgvector)' },
  vectorStoreQdrant: { collection: 'qdrantCollection', external: 'Qdrant' },
  vectorStoreSupabase: { collection: 'tableName', external: 'Supabase' },
  vectorStorePinecone: { collection: 'pineconeIndex', external: 'Pinecone' },
};

function collectionOf(value: unknown): string {
  const named = locatorValue(value);
  return typeof named === 'string' && named.trim() ? named : 'default';
}

/**
 * n8n's vector stores → Vector Store (SQLite), the collection named after the store's
 * index, table or memory key. Insert, Get Many, Retrieve Documents (the store handed
 * to a retriever or a Vector Store Tool on ai_vectorStore) and Retrieve-as-tool map
 * one to one; other modes (update) stay placeholders. A store of an external service
 * (Qdrant, Pinecone, Supabase, PGVector) is warned about: its chunks are not there,
 * insert them again.
 */
const mapping: N8nMapping = {
  n8nTypes: Object.keys(STORES).map((type) => `${LANGCHAIN}${type}`),
  guixuType: 'guixu.vectorStoreSqlite',
  export: {
    type: `${LANGCHAIN}vectorStoreInMemory`,
    typeVersion: 1.3,
    parameters: (p) => {
      const mode = p.mode === 'retrieveAsTool' ? 'retrieve-as-tool' : p.mode;
      const memoryKey = { __rl: true, mode: 'list', value: p.collection };
      if (mode === 'load') return { mode, memoryKey, prompt: p.prompt, topK: p.topK };
      if (mode === 'retrieve-as-tool') {
        return { mode, memoryKey, toolName: p.toolName, toolDescription: p.toolDescription, topK: p.topK };
      }
      return { mode, memoryKey };
    },
  },
  translate(node, ctx) {
    const store = STORES[node.type.slice(LANGCHAIN.length)] ?? { collection: 'memoryKey', external: null };
    const p = node.parameters;
    const collection = collectionOf(p[store.collection]);
    const mode = typeof p.mode === 'string' ? p.mode : 'retrieve';
    if (store.external) {
      ctx.warn(
        `The ${store.external} store becomes the embedded vector store (collection "${collection}"): insert the documents again before searching`,
      );
    }
    const options = record(p.options);
    const filter = record(options.metadata ?? options.filter);
    const common = { collection, ...(Object.keys(filter).length > 0 ? { filter } : {}) };
    switch (mode) {
      case 'insert':
        return { parameters: { mode: 'insert', collection } };
      case 'load':
        return {
          parameters: {
            mode: 'load',
            prompt: p.prompt ?? '={{ $json.chatInput }}',
            topK: p.topK ?? 4,
            ...common,
          },
        };
      case 'retrieve':
        return { parameters: { mode: 'retrieve', ...common } };
      case 'retrieve-as-tool':
        return {
          parameters: {
            mode: 'retrieveAsTool',
            toolName: p.toolName ?? '',
            toolDescription: p.toolDescription ?? 'Searches the knowledge base.',
            topK: p.topK ?? 4,
            ...common,
          },
        };
      default:
        return {
          parameters: { mode: 'insert', collection },
          unsupported: `Vector store mode "${mode}" has no GuixuFlow equivalent; insert the documents again instead`,
        };
    }
  },
};

export default mapping;
