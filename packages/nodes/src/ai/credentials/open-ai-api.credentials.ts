import { defineCredentialType, p } from '@guixu/core';
import { modelChoices, testConnection } from '../model/list-models.ts';
import { providerConnection } from '../model/provider.ts';
import { customHeadersField } from './shared-fields.ts';

export default defineCredentialType({
  name: 'openAiApi',
  displayName: 'OpenAI',
  description: 'An OpenAI API key. The test lists the models the key can use.',
  fields: {
    apiKey: p.string({ label: 'API Key', password: true, required: true }),
    baseUrl: p.string({
      label: 'Base URL',
      default: 'https://api.openai.com/v1',
      description: 'Change only for a proxy or gateway in front of OpenAI.',
    }),
    headers: customHeadersField,
  },
  secretFields: ['apiKey'],
  test: (data, signal) => testConnection(providerConnection('openai', data), signal),
  listOptions: { models: (data, signal) => modelChoices(providerConnection('openai', data), signal) },
});
