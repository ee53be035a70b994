/** Vector Store Retriever: the best chunks of a connected vector store for a query. */
import { defineNode, p } from '@guixu/core';
import type { SuppliedRetriever } from '../cluster/contracts.ts';
import { suppliedOne } from '../cluster/sub-nodes.ts';

export default defineNode({
  type: 'guixu.retrieverVectorStore',
  version: 1,
  displayName: 'Vector Store Retriever',
  description: 'Finds the chunks of a vector store closest in meaning to the question, for a chain.',
  group: 'ai',
  icon: 'magnifying-glass',
  inputs: [{ type: 'ai_vectorStore', displayName: 'Vector Store', required: true, maxConnections: 1 }],
  outputs: [{ type: 'ai_retriever', displayName: 'Retriever' }],
  params: {
    topK: p.number({
      label: 'Limit',
      default: 4,
      min: 1,
      max: 100,
      integer: true,
      description: 'Chunks to hand to the chain, best first.',
    }),
  },
  docs: [
    'Connect a Vector Store (SQLite) in "Retrieve Documents" mode to its input and its output to a Question and',
    'Answer Chain or a Multi-Query Retriever. Every chunk keeps its metadata (source, chunk, start, end) for citations.',
  ].join('\n'),
  run: () => [[]],
  async supplyData(ctx, itemIndex): Promise<SuppliedRetriever> {
    const { topK } = ctx.params(itemIndex);
    const store = await suppliedOne(ctx, 'vectorStore', itemIndex);
    return { kind: 'retriever', retrieve: (query, signal) => store.search(query, topK, signal) };
  },
});
