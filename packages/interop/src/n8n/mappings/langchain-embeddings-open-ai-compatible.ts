import { compatibleMapping, EMBEDDING_SERVICES } from '../langchain-compatible.ts';
import { optionsToN8n } from '../langchain-mapping.ts';

/**
 * Gemini, Mistral and Ollama embeddings → the OpenAI-compatible Embeddings node; it
 * exports as n8n's Embeddings OpenAI.
 */
export default compatibleMapping(
  EMBEDDING_SERVICES,
  'guixu.embeddingsOpenAiCompatible',
  'OpenAI-compatible Embeddings node',
  {
    type: '@n8n/n8n-nodes-langchain.embeddingsOpenAi',
    typeVersion: 1.2,
    parameters: ({ model, options }) => ({
      model,
      options: optionsToN8n(options, { batchSize: 'batchSize' }),
    }),
  },
);
