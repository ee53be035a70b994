import { langchain } from '../langchain-mapping.ts';

/** Vector Store Tool (v1–1.1): name (v1 only; later the node name), description of the data, limit. */
export default langchain(
  'toolVectorStore',
  'guixu.toolVectorStore',
  (node) => {
    const p = node.parameters;
    return {
      ...(typeof p.name === 'string' && p.name.trim() ? { name: p.name } : {}),
      description:
        typeof p.description === 'string' && p.description.trim() ? p.description : 'the knowledge base',
      topK: typeof p.topK === 'number' ? p.topK : 4,
    };
  },
  {
    typeVersion: 1.1,
    parameters: ({ description, topK }) => ({ description, topK }),
  },
);
