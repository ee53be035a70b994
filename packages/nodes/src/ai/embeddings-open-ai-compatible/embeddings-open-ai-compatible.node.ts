import { defineEmbeddingsNode } from '../cluster/embeddings-node.ts';

export default defineEmbeddingsNode({
  type: 'guixu.embeddingsOpenAiCompatible',
  displayName: 'Embeddings (OpenAI-compatible)',
  description: 'Embeddings from any OpenAI-compatible server, e.g. bge-m3 on Ollama, vLLM or SiliconFlow.',
  kind: 'openaiCompatible',
  credential: 'openAiCompatibleApi',
  defaultModel: 'bge-m3',
});
