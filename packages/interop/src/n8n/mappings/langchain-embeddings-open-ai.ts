import { langchain, modelOf } from '../langchain-mapping.ts';
import { record } from '../mapping.ts';

/** Embeddings OpenAI: the model (n8n's default text-embedding-ada-002) and batch size. */
export default langchain(
  'embeddingsOpenAi',
  'guixu.embeddingsOpenAi',
  (node, ctx) => {
    const options = record(node.parameters.options);
    if (options.dimensions !== undefined)
      ctx.warn('Embedding "dimensions" is not set by GuixuFlow; the model default is used');
    if (options.baseURL !== undefined) ctx.warn('A custom Base URL belongs in the OpenAI credential');
    return {
      model: modelOf(node.parameters, 'text-embedding-ada-002'),
      options: options.batchSize === undefined ? {} : { batchSize: options.batchSize },
    };
  },
  { typeVersion: 1.2, parameters: ({ model, options }) => ({ model, options: record(options) }) },
);
