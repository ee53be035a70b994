import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createEngine,
  createInProcessSubWorkflowRunner,
  MemoryBinaryStore,
  type NodeServices,
  systemClock,
} from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderServer, startProviderServer } from '../../../nodes/src/ai/testing/provider-server.ts';
import { importN8n } from './import-n8n.ts';

const registry = await builtinNodes();
let provider: ProviderServer;
let weather: Server;
let weatherUrl = '';
const asked: string[] = [];

beforeAll(async () => {
  provider = await startProviderServer({ models: ['gpt-4o-mini'] });
  weather = createServer((req, res) => {
    asked.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ city: decodeURIComponent((req.url ?? '').slice(1)), sky: 'sunny' }));
  });
  await new Promise<void>((resolve) => weather.listen(0, '127.0.0.1', resolve));
  weatherUrl = `http://127.0.0.1:${(weather.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await provider.close();
  await new Promise((resolve) => weather.close(resolve));
});

describe('an imported n8n agent with an HTTP Request Tool ($fromAI) runs', () => {
  it('the model fills the URL placeholder and reads the answer', async () => {
    const n8n = {
      name: 'Weather agent',
      nodes: [
        {
          id: '1',
          name: 'Start',
          type: 'n8n-nodes-base.manualTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
        {
          id: '2',
          name: 'Agent',
          type: '@n8n/n8n-nodes-langchain.agent',
          typeVersion: 1.7,
          position: [200, 0],
          parameters: { promptType: 'define', text: 'Weather in Oslo?' },
        },
        {
          id: '3',
          name: 'Model',
          type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
          typeVersion: 1.2,
          position: [200, 200],
          parameters: { model: { __rl: true, mode: 'list', value: 'gpt-4o-mini' }, options: {} },
          credentials: { openAiApi: { id: '1', name: 'OpenAi account' } },
        },
        {
          id: '4',
          name: 'weather',
          type: 'n8n-nodes-base.httpRequestTool',
          typeVersion: 4.2,
          position: [400, 200],
          parameters: {
            toolDescription: 'Current weather of a city',
            url: `=${weatherUrl}/{{ $fromAI('city', 'The city', 'string') }}`,
            options: {},
          },
        },
      ],
      connections: {
        Start: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
        Model: { ai_languageModel: [[{ node: 'Agent', type: 'ai_languageModel', index: 0 }]] },
        weather: { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
      },
    };
    const { workflow, report } = importN8n(JSON.stringify(n8n), { registry, fileName: 'weather.json' });
    expect(report.validation.errors).toEqual([]);
    expect(report.summary).toMatchObject({ placeholders: 0 });
    const services: NodeServices = { binary: new MemoryBinaryStore(), clock: systemClock };
    const engine = createEngine({
      registry,
      services,
      credentials: { get: async () => ({ apiKey: 'k', baseUrl: provider.baseUrl }) },
    });
    services.subWorkflows = createInProcessSubWorkflowRunner({ engine });
    provider.reply(
      { toolCalls: [{ name: 'weather', arguments: '{"city":"Oslo"}' }] },
      { text: 'Sunny in Oslo.' },
    );
    const state = engine.start(workflow, {
      executionId: 'weather',
      mode: 'manual',
      triggerItems: [{ json: {} }],
    });
    await engine.run(workflow, state);
    expect(state.status).toBe('success');
    expect(asked).toEqual(['/Oslo']);
    const out = state.runData.Agent?.[0]?.data?.main[0]?.[0]?.json;
    expect(out?.steps).toMatchObject([{ toolCalls: [{ output: { city: 'Oslo', sky: 'sunny' } }] }, {}]);
  });
});
