import { langchain, promptOf, promptToN8n } from '../langchain-mapping.ts';
import { record } from '../mapping.ts';

/**
 * Question and Answer Chain (v1–1.6): the question ("auto" is the chat input, else
 * `text`, or `query` before v1.4) and the system prompt template ({context} kept).
 * n8n's answer is `response` (v1.5+; `response.text` before): GuixuFlow gives the text
 * as `response`, with `sources`.
 */
export default langchain(
  'chainRetrievalQa',
  'guixu.chainRetrievalQa',
  (node, ctx) => {
    const p = node.parameters;
    const options = record(p.options);
    const query = promptOf(p.promptType === undefined && typeof p.query === 'string' ? { text: p.query } : p);
    if (node.typeVersion < 1.5) {
      ctx.warn(
        'The answer is `response` (text); n8n before v1.5 gave `response.text`: update expressions reading it',
      );
    }
    return {
      query,
      ...(typeof options.systemPromptTemplate === 'string' && options.systemPromptTemplate.trim()
        ? { systemPrompt: options.systemPromptTemplate }
        : {}),
    };
  },
  {
    typeVersion: 1.6,
    parameters: ({ query, systemPrompt }) => ({
      ...promptToN8n(query),
      options: systemPrompt === undefined ? {} : { systemPromptTemplate: systemPrompt },
    }),
  },
);
