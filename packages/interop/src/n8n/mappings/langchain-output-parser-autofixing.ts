import { langchain } from '../langchain-mapping.ts';
import { record } from '../mapping.ts';

/** Auto-fixing Output Parser: its model and the parser it wraps stay connected; the retry prompt is kept. */
export default langchain(
  'outputParserAutofixing',
  'guixu.outputParserAutofixing',
  (node) => {
    const prompt = record(node.parameters.options).prompt;
    return { options: typeof prompt === 'string' ? { prompt } : {} };
  },
  { typeVersion: 1, parameters: ({ options }) => ({ options: record(options) }) },
);
