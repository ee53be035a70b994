import { createEngine, type JsonObject, MemoryBinaryStore, systemClock, type Workflow } from '@guixu/core';
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

function workflow(type: string, parameters: Record<string, unknown>): Workflow {
  const node = workflowNode;
  return {
    id: type,
    name: type,
    nodes: [
      node('Start', 'guixu.manualTrigger'),
      node('Root', type, parameters),
      {
        ...node('Model', 'guixu.lmChatOpenAi', { model: 'gpt-test' }),
        credentials: { openAiApi: { id: 'c', name: 'c' } },
      },
    ],
    connections: {
      Start: { main: [[{ node: 'Root', type: 'main', index: 0 }]] },
      Model: { ai_languageModel: [[{ node: 'Root', type: 'ai_languageModel', index: 0 }]] },
    },
    settings: {},
  };
}

async function run(wf: Workflow, items: JsonObject[]) {
  const engine = createEngine({
    registry,
    services: { binary: new MemoryBinaryStore(), clock: systemClock },
    credentials: { get: async () => ({ apiKey: 'k', baseUrl: server.baseUrl }) },
  });
  const state = engine.start(wf, {
    executionId: `x-${wf.id}`,
    mode: 'manual',
    triggerItems: items.map((json) => ({ json })),
  });
  await engine.run(wf, state);
  return state.runData.Root?.[0];
}

describe('Text Classifier', () => {
  it('routes each item to the output of the category the model picked, "Other" when none fits', async () => {
    const wf = workflow('guixu.textClassifier', {
      categories: [
        { category: 'billing', description: 'invoices, payments' },
        { category: 'bug', description: 'something broken' },
      ],
      fallback: 'other',
    });
    server.reply(
      { text: '{"categories":["bug"]}' },
      { text: '{"categories":["billing"]}' },
      { text: '{"categories":["Other"]}' },
    );
    const record = await run(wf, [
      { text: 'The app crashes' },
      { text: 'Where is my invoice?' },
      { text: 'Hello' },
    ]);
    const texts = record?.data?.main.map((out) => out.map((i) => i.json.text));
    expect(texts).toEqual([['Where is my invoice?'], ['The app crashes'], ['Hello']]);
    const sent = server.requests.at(-1)?.body;
    expect(JSON.stringify(sent?.response_format)).toContain('"enum":["billing","bug","Other"]');
  });

  it('a category outside the list is refused as output that does not fit the schema', async () => {
    const wf = workflow('guixu.textClassifier', { categories: [{ category: 'a', description: '' }] });
    server.reply({ text: '{"categories":["zzz"]}' });
    expect((await run(wf, [{ text: 'x' }]))?.error?.code).toBe('AI_OUTPUT_INVALID');
  });
});

describe('Information Extractor', () => {
  it('extracts typed attributes; a required one missing is AI_OUTPUT_INVALID', async () => {
    const wf = workflow('guixu.informationExtractor', {
      attributes: [
        { name: 'name', type: 'string', description: 'Full name', required: true },
        { name: 'age', type: 'number', description: '', required: false },
      ],
    });
    server.reply({ text: '{"name":"Ann Lee","age":31}' });
    const record = await run(wf, [{ text: 'Ann Lee, 31, joined in May.' }]);
    expect(record?.data?.main[0]?.[0]?.json).toMatchObject({
      output: { name: 'Ann Lee', age: 31 },
      usage: { inputTokens: 10 },
    });
    server.reply({ text: '{"age":31}' });
    expect((await run(wf, [{ text: 'x' }]))?.error?.code).toBe('AI_OUTPUT_INVALID');
  });
});
