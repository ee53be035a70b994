import { langchain } from '../langchain-mapping.ts';
import { record } from '../mapping.ts';

/** MultiQuery Retriever: the number of wordings and the prompt ({question} and {queryCount} kept). */
export default langchain(
  'retrieverMultiQuery',
  'guixu.retrieverMultiQuery',
  (node) => {
    const options = record(node.parameters.options);
    return {
      options: {
        ...(typeof options.queryCount === 'number' ? { queryCount: options.queryCount } : {}),
        ...(typeof options.prompt === 'string' && options.prompt.trim() ? { prompt: options.prompt } : {}),
      },
    };
  },
  { typeVersion: 1, parameters: ({ options }) => ({ options: record(options) }) },
);
