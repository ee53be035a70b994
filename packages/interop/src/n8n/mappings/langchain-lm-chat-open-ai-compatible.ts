import { CHAT_SERVICES, compatibleMapping } from '../langchain-compatible.ts';
import { optionsToN8n } from '../langchain-mapping.ts';

const OPTIONS = {
  temperature: 'temperature',
  maxTokens: 'maxTokens',
  topP: 'topP',
  timeout: 'timeout',
  maxRetries: 'maxRetries',
};

/**
 * Gemini, Groq, OpenRouter, Mistral, DeepSeek, xAI and Ollama chat models → the
 * OpenAI-compatible Chat Model; it exports as n8n's OpenAI Chat Model.
 */
export default compatibleMapping(
  CHAT_SERVICES,
  'guixu.lmChatOpenAiCompatible',
  'OpenAI-compatible Chat Model',
  {
    type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
    typeVersion: 1.2,
    parameters: ({ model, options }) => ({
      model: { __rl: true, mode: 'id', value: model },
      options: optionsToN8n(options, OPTIONS),
    }),
  },
);
