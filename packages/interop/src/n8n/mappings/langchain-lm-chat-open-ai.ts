import { langchain, modelOf, modelOptions, optionsToN8n } from '../langchain-mapping.ts';

const OPTIONS = {
  temperature: 'temperature',
  maxTokens: 'maxTokens',
  topP: 'topP',
  timeout: 'timeout',
  maxRetries: 'maxRetries',
};

/** OpenAI Chat Model: the model (resource locator or name) and the options GuixuFlow has. */
export default langchain(
  'lmChatOpenAi',
  'guixu.lmChatOpenAi',
  (node, ctx) => ({
    model: modelOf(node.parameters, 'gpt-4o-mini'),
    options: modelOptions(node.parameters.options, OPTIONS, ctx),
  }),
  {
    typeVersion: 1.2,
    parameters: ({ model, options }) => ({
      model: { __rl: true, mode: 'list', value: model },
      options: optionsToN8n(options, OPTIONS),
    }),
  },
);
