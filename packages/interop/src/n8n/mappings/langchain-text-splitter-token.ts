import { langchain } from '../langchain-mapping.ts';

/** Token Splitter: n8n counts with cl100k_base; its defaults are 1,000 tokens and no overlap. */
export default langchain(
  'textSplitterTokenSplitter',
  'guixu.textSplitterTokenSplitter',
  (node) => ({
    chunkSize: node.parameters.chunkSize ?? 1000,
    chunkOverlap: node.parameters.chunkOverlap ?? 0,
    encoding: 'cl100k_base',
  }),
  { typeVersion: 1, parameters: ({ chunkSize, chunkOverlap }) => ({ chunkSize, chunkOverlap }) },
);
