import { langchain } from '../langchain-mapping.ts';
import { record } from '../mapping.ts';

/** Sentiment Analysis: text, categories, detailed results and the system prompt template. */
export default langchain(
  'sentimentAnalysis',
  'guixu.sentimentAnalysis',
  (node) => {
    const options = record(node.parameters.options);
    return {
      inputText: node.parameters.inputText ?? '={{ $json.text }}',
      options: Object.fromEntries(
        ['categories', 'includeDetailedResults', 'systemPromptTemplate']
          .filter((key) => options[key] !== undefined)
          .map((key) => [key, options[key]]),
      ),
    };
  },
  { typeVersion: 1, parameters: ({ inputText, options }) => ({ inputText, options: record(options) }) },
);
