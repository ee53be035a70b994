import { defineEmbeddingsNode } from '../cluster/embeddings-node.ts';

export default defineEmbeddingsNode({
  type: 'guixu.embeddingsOpenAi',
  displayName: 'Embeddings OpenAI',
  description: 'OpenAI embeddings for a vector store.',
  kind: 'openai',
  credential: 'openAiApi',
  defaultModel: 'text-embedding-3-small',
});
