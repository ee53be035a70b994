import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderServer, startProviderServer } from '../../../nodes/src/ai/testing/provider-server.ts';
import { difyApp, importApp, nodeNamed } from './dify-test-kit.ts';

const registry = await builtinNodes();
let server: ProviderServer;

beforeAll(async () => {
  server = await startProviderServer({ models: ['gpt-4o-mini'] });
});
afterAll(() => server.close());

describe('an imported Dify chatflow with an LLM node runs', () => {
  it('start → LLM (OpenAI) → answer: the question reaches the model and the answer renders its text', async () => {
    const { workflow, report } = importApp(
      registry,
      difyApp(
        [
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
                { role: 'system', text: 'You are helpful.' },
                { role: 'user', text: '{{#sys.query#}}' },
              ],
            },
          },
          { id: 'ans', data: { type: 'answer', title: 'Answer', answer: 'Bot: {{#llm.text#}}' } },
        ],
        [
          { source: 'start', target: 'llm' },
          { source: 'llm', target: 'ans' },
        ],
        { mode: 'advanced-chat' },
      ),
    );
    expect(report.validation.errors).toEqual([]);
    expect(nodeNamed(workflow, 'LLM Model').credentials).toEqual({
      openAiApi: { id: null, name: 'Dify openai' },
    });
    const engine = createEngine({
      registry,
      services: { binary: new MemoryBinaryStore(), clock: systemClock },
      credentials: { get: async () => ({ apiKey: 'k', baseUrl: server.baseUrl }) },
    });
    server.reply({ text: 'Paris.' });
    const state = engine.start(workflow, {
      executionId: 'dify-llm',
      mode: 'manual',
      triggerItems: [{ json: { chatInput: 'Capital of France?', sessionId: 's' } }],
    });
    await engine.run(workflow, state);
    expect(state.status).toBe('success');
    expect(server.requests.at(-1)?.body.messages).toEqual([
      { role: 'system', content: 'You are helpful.' },
      { role: 'user', content: 'Capital of France?' },
    ]);
    expect(state.runData.Answer?.[0]?.data?.main[0]?.[0]?.json).toEqual({ answer: 'Bot: Paris.' });
  });
});
