import { defineCredentialType, p } from '@guixu/core';
import { modelChoices, testConnection } from '../model/list-models.ts';
import { OPENAI_COMPATIBLE_PRESETS } from '../model/presets.ts';
import { providerConnection } from '../model/provider.ts';
import { customHeadersField } from './shared-fields.ts';

export default defineCredentialType({
  name: 'openAiCompatibleApi',
  displayName: 'OpenAI-compatible API',
  description:
    'Any server speaking the OpenAI chat-completions API: DeepSeek, 通义千问 DashScope, 豆包 Volcengine Ark, ' +
    '硅基流动 SiliconFlow, Moonshot/Kimi, 智谱 GLM, Ollama, vLLM, llama.cpp server, LM Studio or your own.',
  fields: {
    preset: p.options({
      label: 'Service',
      options: OPENAI_COMPATIBLE_PRESETS.map(({ value, label, baseUrl }) => ({
        value,
        label,
        description: baseUrl,
      })),
      default: 'custom',
    }),
    baseUrl: p.string({
      label: 'Base URL',
      description: 'Empty: the service’s default. Required for "Other".',
      placeholder: 'http://localhost:11434/v1',
    }),
    apiKey: p.string({ label: 'API Key', password: true, description: 'Local servers usually need none.' }),
    headers: customHeadersField,
  },
  secretFields: ['apiKey'],
  test: (data, signal) => testConnection(providerConnection('openaiCompatible', data), signal),
  listOptions: {
    models: (data, signal) => modelChoices(providerConnection('openaiCompatible', data), signal),
  },
});
