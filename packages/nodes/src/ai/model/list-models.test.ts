import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import anthropicApi from '../credentials/anthropic-api.credentials.ts';
import openAiCompatibleApi from '../credentials/open-ai-compatible-api.credentials.ts';
import { type ProviderServer, startProviderServer } from '../testing/provider-server.ts';

let provider: ProviderServer;
beforeAll(async () => {
  provider = await startProviderServer({
    apiKey: 'sk-list',
    models: ['qwen2.5:7b', 'claude-test', 'bge-m3'],
  });
});
afterAll(async () => provider?.close());

const signal = () => AbortSignal.timeout(10_000);

describe('the model lists the editor’s pickers read (credential listOptions.models)', () => {
  it('lists an OpenAI-compatible server’s models sorted by id, with the key sent as a bearer token', async () => {
    const list = anthropicApi.listOptions?.models;
    const compatible = openAiCompatibleApi.listOptions?.models;
    if (!list || !compatible) throw new Error('the model credentials declare listOptions.models');
    const models = await compatible(
      { preset: 'custom', baseUrl: provider.baseUrl, apiKey: 'sk-list', headers: {} },
      signal(),
    );
    expect(models).toEqual([
      { value: 'bge-m3', label: 'bge-m3' },
      { value: 'claude-test', label: 'claude-test' },
      { value: 'qwen2.5:7b', label: 'qwen2.5:7b' },
    ]);
    expect(provider.requests.at(-1)?.headers.authorization).toBe('Bearer sk-list');
  });

  it('lists Anthropic’s models with their display names, the key sent as x-api-key', async () => {
    const list = anthropicApi.listOptions?.models;
    if (!list) throw new Error('anthropicApi declares listOptions.models');
    const models = await list({ baseUrl: provider.baseUrl, apiKey: 'sk-list', headers: {} }, signal());
    expect(models.map((m) => m.value)).toEqual(['bge-m3', 'claude-test', 'qwen2.5:7b']);
    const last = provider.requests.at(-1);
    expect(last?.headers['x-api-key']).toBe('sk-list');
    expect(last?.headers['anthropic-version']).toBeDefined();
  });

  it('fails with the reason when the key is refused or the server is down', async () => {
    const compatible = openAiCompatibleApi.listOptions?.models;
    if (!compatible) throw new Error('listOptions.models');
    await expect(
      compatible({ preset: 'custom', baseUrl: provider.baseUrl, apiKey: 'wrong', headers: {} }, signal()),
    ).rejects.toMatchObject({ code: 'AI_AUTH_FAILED' });
    const down = await startProviderServer();
    await down.close();
    await expect(
      compatible({ preset: 'custom', baseUrl: down.baseUrl, apiKey: '', headers: {} }, signal()),
    ).rejects.toMatchObject({ code: 'AI_PROVIDER_UNREACHABLE' });
  });
});
