import { createEngine, MemoryBinaryStore, systemClock, type Workflow } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverNodes } from '../../index.ts';
import { type ProviderServer, startProviderServer } from '../testing/provider-server.ts';
import { workflowNode } from '../testing/workflow-node.ts';

let server: ProviderServer;
const registry = await discoverNodes();

beforeAll(async () => {
  server = await startProviderServer();
});
afterAll(() => server.close());

describe('Summarization Chain', () => {
  it('summarizes each chunk, then combines the summaries', async () => {
    const workflow: Workflow = {
      id: 'summarize',
      name: 'summarize',
      nodes: [
        workflowNode('Start', 'guixu.manualTrigger'),
        workflowNode('Summarize', 'guixu.chainSummarization', { chunkSize: 100 }),
        workflowNode(
          'Model',
          'guixu.lmChatOpenAi',
          { model: 'gpt-test' },
          { credentials: { openAiApi: { id: 'c', name: 'c' } } },
        ),
      ],
      connections: {
        Start: { main: [[{ node: 'Summarize', type: 'main', index: 0 }]] },
        Model: { ai_languageModel: [[{ node: 'Summarize', type: 'ai_languageModel', index: 0 }]] },
      },
      settings: {},
    };
    const paragraph = (topic: string) => `${topic} `.repeat(12).trim();
    const text = [paragraph('leave'), paragraph('expenses'), paragraph('security')].join('\n\n');
    server.reply(
      { text: 'About leave.' },
      { text: 'About expenses.' },
      { text: 'About security.' },
      { text: 'Leave, expenses, security.' },
    );
    const engine = createEngine({
      registry,
      services: { binary: new MemoryBinaryStore(), clock: systemClock },
      credentials: { get: async () => ({ apiKey: 'k', baseUrl: server.baseUrl }) },
    });
    const state = engine.start(workflow, {
      executionId: 's1',
      mode: 'manual',
      triggerItems: [{ json: { text } }],
    });
    await engine.run(workflow, state);
    const out = state.runData.Summarize?.[0]?.data?.main[0]?.[0]?.json;
    expect(out).toMatchObject({
      summary: 'Leave, expenses, security.',
      chunks: 3,
      usage: { inputTokens: 40 },
    });
    const last = JSON.stringify(server.requests.at(-1)?.body.messages);
    expect(last).toContain('Combine these partial summaries');
    expect(last).toContain('About expenses.');
    expect(server.pending()).toBe(0);
  });
});
