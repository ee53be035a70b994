import { langchain } from '../langchain-mapping.ts';

/** Vector Store Retriever: how many chunks (n8n's default 4). */
export default langchain(
  'retrieverVectorStore',
  'guixu.retrieverVectorStore',
  (node) => ({ topK: typeof node.parameters.topK === 'number' ? node.parameters.topK : 4 }),
  { typeVersion: 1, parameters: ({ topK }) => ({ topK }) },
);
