import { langchain } from '../langchain-mapping.ts';

/** Recursive Character Text Splitter: n8n's defaults are 1,000 characters and no overlap. */
export default langchain(
  'textSplitterRecursiveCharacterTextSplitter',
  'guixu.textSplitterRecursiveCharacter',
  (node) => ({
    chunkSize: node.parameters.chunkSize ?? 1000,
    chunkOverlap: node.parameters.chunkOverlap ?? 0,
  }),
  { typeVersion: 1, parameters: ({ chunkSize, chunkOverlap }) => ({ chunkSize, chunkOverlap, options: {} }) },
);
