import { langchain, modelOf, modelOptions, optionsToN8n } from '../langchain-mapping.ts';

const OPTIONS = { temperature: 'temperature', maxTokensToSample: 'maxTokens', topP: 'topP' };

/** Anthropic Chat Model: the model and its sampling options (maxTokensToSample → maxTokens). */
export default langchain(
  'lmChatAnthropic',
  'guixu.lmChatAnthropic',
  (node, ctx) => ({
    model: modelOf(node.parameters, 'claude-sonnet-4-5'),
    options: modelOptions(node.parameters.options, OPTIONS, ctx),
  }),
  {
    typeVersion: 1.3,
    parameters: ({ model, options }) => ({ model, options: optionsToN8n(options, OPTIONS) }),
  },
);
