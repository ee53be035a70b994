import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { builtinNodes, type KnowledgeBaseQuery } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderServer, startProviderServer } from '../../../nodes/src/ai/testing/provider-server.ts';
import { difyApp, importApp } from './dify-test-kit.ts';

const registry = await builtinNodes();
let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer({ models: ['gpt-4o-mini'] });
});
afterAll(() => server.close());

describe('an imported Dify RAG chatflow runs', () => {
  it('start → knowledge retrieval → LLM with the result in its prompt → answer', async () => {
    const { workflow, report } = importApp(
      registry,
      difyApp(
        [
          {
            id: 'kr',
            data: {
              type: 'knowledge-retrieval',
              title: 'Search',
              dataset_ids: ['kb-1'],
              query_variable_selector: ['sys', 'query'],
              retrieval_mode: 'multiple',
              multiple_retrieval_config: { top_k: 2 },
            },
          },
          {
            id: 'llm',
            data: {
              type: 'llm',
              title: 'LLM',
              model: {
                provider: 'langgenius/openai/openai',
                name: 'gpt-4o-mini',
                mode: 'chat',
                completion_params: {},
              },
              prompt_template: [
                { role: 'system', text: 'Answer from: {{#kr.result#}}' },
                { role: 'user', text: '{{#sys.query#}}' },
              ],
            },
          },
          { id: 'ans', data: { type: 'answer', title: 'Answer', answer: '{{#llm.text#}}' } },
        ],
        [
          { source: 'start', target: 'kr' },
          { source: 'kr', target: 'llm' },
          { source: 'llm', target: 'ans' },
        ],
        { mode: 'advanced-chat' },
      ),
    );
    expect(report.validation.errors).toEqual([]);
    // The server's knowledge-base host, as the node sees it (the server's own is tested in features/knowledge-bases).
    const searched: KnowledgeBaseQuery[] = [];
    const aiVectorStore = {
      async searchKnowledgeBase(query: KnowledgeBaseQuery) {
        searched.push(query);
        return [
          {
            documentId: 'd1',
            text: 'Travel needs approval from a manager.',
            metadata: { source: 'expenses.md', chunk: 0 },
            score: 0.9,
          },
        ];
      },
    };
    const engine = createEngine({
      registry,
      services: { binary: new MemoryBinaryStore(), clock: systemClock, aiVectorStore },
      credentials: { get: async () => ({ apiKey: 'k', baseUrl: server.baseUrl }) },
    });
    server.reply({ text: 'Yes, ask your manager (expenses.md).' });
    const state = engine.start(workflow, {
      executionId: 'dify-rag',
      mode: 'manual',
      triggerItems: [{ json: { chatInput: 'Do I need approval to travel?', sessionId: 's' } }],
    });
    await engine.run(workflow, state);
    expect(state.status).toBe('success');
    expect(searched).toEqual([
      { knowledgeBaseId: 'kb-1', query: 'Do I need approval to travel?', k: 2, minScore: 0, node: 'Search' },
    ]);
    const system = JSON.stringify(server.requests.at(-1)?.body.messages);
    expect(system).toContain('Travel needs approval from a manager.');
    expect(system).toContain('expenses.md');
    expect(state.runData.Answer?.[0]?.data?.main[0]?.[0]?.json).toEqual({
      answer: 'Yes, ask your manager (expenses.md).',
    });
  });
});
