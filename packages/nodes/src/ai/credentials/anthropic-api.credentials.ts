import { defineCredentialType, p } from '@guixu/core';
import { modelChoices, testConnection } from '../model/list-models.ts';
import { providerConnection } from '../model/provider.ts';
import { customHeadersField } from './shared-fields.ts';

export default defineCredentialType({
  name: 'anthropicApi',
  displayName: 'Anthropic',
  description: 'An Anthropic API key (Claude models). The test lists the models the key can use.',
  fields: {
    apiKey: p.string({ label: 'API Key', password: true, required: true }),
    baseUrl: p.string({ label: 'Base URL', default: 'https://api.anthropic.com/v1' }),
    headers: customHeadersField,
  },
  secretFields: ['apiKey'],
  test: (data, signal) => testConnection(providerConnection('anthropic', data), signal),
  listOptions: { models: (data, signal) => modelChoices(providerConnection('anthropic', data), signal) },
});
