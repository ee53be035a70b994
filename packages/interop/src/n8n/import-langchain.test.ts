import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderServer, startProviderServer } from '../../../nodes/src/ai/testing/provider-server.ts';
import { importN8n } from './import-n8n.ts';

const registry = await builtinNodes();
let server: ProviderServer;

beforeAll(async () => {
  server = await startProviderServer({ models: ['gpt-4o-mini'] });
});
afterAll(() => server.close());

/** An n8n 2.x AI agent chat workflow as the editor exports it. */
const n8nAgent = {
  name: 'Support agent',
  nodes: [
    {
      id: 'a',
      name: 'When chat message received',
      type: '@n8n/n8n-nodes-langchain.chatTrigger',
      typeVersion: 1.1,
      position: [0, 0],
      parameters: { options: {} },
      webhookId: 'w1',
    },
    {
      id: 'b',
      name: 'AI Agent',
      type: '@n8n/n8n-nodes-langchain.agent',
      typeVersion: 2,
      position: [220, 0],
      parameters: { options: { systemMessage: 'You are a support agent.' } },
    },
    {
      id: 'c',
      name: 'OpenAI Chat Model',
      type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
      typeVersion: 1.2,
      position: [120, 220],
      parameters: { model: { __rl: true, mode: 'list', value: 'gpt-4o-mini' }, options: {} },
      credentials: { openAiApi: { id: '1', name: 'OpenAi account' } },
    },
    {
      id: 'd',
      name: 'Simple Memory',
      type: '@n8n/n8n-nodes-langchain.memoryBufferWindow',
      typeVersion: 1.3,
      position: [260, 220],
      parameters: {},
    },
    {
      id: 'e',
      name: 'Calculator',
      type: '@n8n/n8n-nodes-langchain.toolCalculator',
      typeVersion: 1,
      position: [400, 220],
      parameters: {},
    },
  ],
  connections: {
    'When chat message received': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
    'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
    'Simple Memory': { ai_memory: [[{ node: 'AI Agent', type: 'ai_memory', index: 0 }]] },
    Calculator: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
  },
  settings: { executionOrder: 'v1' },
};

describe('an imported n8n AI agent workflow runs', () => {
  it('imports with no placeholder and answers a chat message through the local OpenAI server', async () => {
    const { workflow, report } = importN8n(JSON.stringify(n8nAgent), { registry, fileName: 'agent.json' });
    expect(report.validation.errors).toEqual([]);
    expect(report.summary).toMatchObject({ nodes: 5, placeholders: 0 });
    const engine = createEngine({
      registry,
      services: { binary: new MemoryBinaryStore(), clock: systemClock },
      credentials: {
        get: async ({ ref, type }) => {
          expect([ref.name, type]).toEqual(['OpenAi account', 'openAiApi']);
          return { apiKey: 'k', baseUrl: server.baseUrl };
        },
      },
    });
    server.reply(
      { toolCalls: [{ name: 'calculator', arguments: '{"expression":"12*12"}' }] },
      { text: '144' },
    );
    const state = engine.start(workflow, {
      executionId: 'n8n-agent',
      mode: 'manual',
      triggerItems: [{ json: { sessionId: 's', action: 'sendMessage', chatInput: '12 squared?' } }],
    });
    await engine.run(workflow, state);
    expect(state.status).toBe('success');
    const out = state.runData['AI Agent']?.[0]?.data?.main[0]?.[0]?.json;
    expect(out?.output).toBe('144');
    expect(server.requests.at(-2)?.body.messages).toEqual([
      { role: 'system', content: 'You are a support agent.' },
      { role: 'user', content: '12 squared?' },
    ]);
  });
});
