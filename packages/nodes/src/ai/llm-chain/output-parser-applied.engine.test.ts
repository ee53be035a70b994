import {
  createEngine,
  type Item,
  MemoryBinaryStore,
  systemClock,
  type Workflow,
  type WorkflowNode,
} from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverNodes } from '../../index.ts';
import { type ProviderServer, startProviderServer } from '../testing/provider-server.ts';

/** Output parsers connected to the Basic LLM Chain and the AI Agent, against the local provider. */
let server: ProviderServer;
const registry = await discoverNodes();
beforeAll(async () => {
  server = await startProviderServer();
});
afterAll(() => server.close());

type Spec = Partial<WorkflowNode> & { name: string; type: string };
const model = (name = 'Model'): Spec => ({
  name,
  type: 'guixu.lmChatOpenAi',
  parameters: { model: 'gpt-test', options: { maxRetries: 0 } },
  credentials: { openAiApi: { id: 'c1', name: 'OpenAI' } },
});
const structured: Spec = {
  name: 'Parser',
  type: 'guixu.outputParserStructured',
  parameters: { schemaType: 'fromJson', jsonSchemaExample: '{"city":"Paris","population":2}' },
};

/** Root fed by Start; each [from, type, to] wires a sub-node (to defaults to Root). */
function workflow(root: Spec, nodes: Spec[], wires: [string, string, string?][]): Workflow {
  const connections: Workflow['connections'] = {
    Start: { main: [[{ node: 'Root', type: 'main', index: 0 }]] },
  };
  for (const [from, type, to = 'Root'] of wires) {
    connections[from] = { [type]: [[{ node: to, type, index: 0 }]] };
  }
  return {
    id: `parsers-${root.type}`,
    name: 'parsers',
    nodes: [{ name: 'Start', type: 'guixu.manualTrigger' }, root, ...nodes].map((spec, i) => ({
      id: `n${i}`,
      typeVersion: 1,
      position: [0, i * 100] as [number, number],
      parameters: {},
      ...spec,
    })),
    connections,
    settings: {},
  };
}

async function run(wf: Workflow, items: Item[] = [{ json: { chatInput: 'Biggest city of France?' } }]) {
  const streamed: string[] = [];
  const engine = createEngine({
    registry,
    services: {
      binary: new MemoryBinaryStore(),
      clock: systemClock,
      aiStream: (delta: string) => streamed.push(delta),
    },
    credentials: { get: async () => ({ apiKey: 'k', baseUrl: server.baseUrl }) },
  });
  const state = engine.start(wf, { executionId: `x-${Math.random()}`, mode: 'manual', triggerItems: items });
  await engine.run(wf, state);
  const record = state.runData.Root?.[0];
  return { state, record, streamed, json: record?.data?.main[0]?.map((i) => i.json) ?? [] };
}

const lastPrompt = () => JSON.stringify(server.requests.at(-1)?.body.messages);

describe('Basic LLM Chain with an Output Parser', () => {
  const chain = (parameters: Record<string, unknown> = {}): Spec => ({
    name: 'Root',
    type: 'guixu.chainLlm',
    parameters,
  });

  it('adds the format instructions, outputs the parsed object, streams nothing', async () => {
    server.reply({ text: 'Sure!\n```json\n{"city":"Paris","population":2100000}\n```' });
    const { json, streamed } = await run(
      workflow(
        chain(),
        [model(), structured],
        [
          ['Model', 'ai_languageModel'],
          ['Parser', 'ai_outputParser'],
        ],
      ),
    );
    expect(json[0]?.output).toEqual({ city: 'Paris', population: 2100000 });
    expect(json[0]?.usage).toMatchObject({ inputTokens: expect.any(Number) });
    expect(lastPrompt()).toContain('Biggest city of France?');
    expect(lastPrompt()).toContain('JSON Schema');
    expect(lastPrompt()).toContain('population');
    expect(streamed).toEqual([]);
  });

  it('Item List parser: output is the list', async () => {
    server.reply({ text: '1. Paris\n2. Lyon\n3. Marseille' });
    const { json } = await run(
      workflow(
        chain(),
        [model(), { name: 'List', type: 'guixu.outputParserItemList', parameters: {} }],
        [
          ['Model', 'ai_languageModel'],
          ['List', 'ai_outputParser'],
        ],
      ),
    );
    expect(json[0]?.output).toEqual(['Paris', 'Lyon', 'Marseille']);
    expect(lastPrompt()).toContain('list of any number of items');
  });

  it('Auto-fixing parser: a bad answer is fixed through its own model, then parsed', async () => {
    server.reply({ text: '{"city":"Paris"}' }, { text: '{"city":"Paris","population":2100000}' });
    const before = server.requests.length;
    const { json } = await run(
      workflow(
        chain(),
        [model(), model('Fixer'), { name: 'Fixing', type: 'guixu.outputParserAutofixing' }, structured],
        [
          ['Model', 'ai_languageModel'],
          ['Fixing', 'ai_outputParser'],
          ['Fixer', 'ai_languageModel', 'Fixing'],
          ['Parser', 'ai_outputParser', 'Fixing'],
        ],
      ),
    );
    expect(json[0]?.output).toEqual({ city: 'Paris', population: 2100000 });
    expect(server.requests.length - before).toBe(2);
    expect(lastPrompt()).toContain('did not satisfy the constraints');
  });

  it('an answer that does not fit is a clear node error', async () => {
    server.reply({ text: 'Paris, about two million people.' });
    const { state, record } = await run(
      workflow(
        chain(),
        [model(), structured],
        [
          ['Model', 'ai_languageModel'],
          ['Parser', 'ai_outputParser'],
        ],
      ),
    );
    expect(state.status).toBe('error');
    expect(record?.error).toMatchObject({ code: 'AI_OUTPUT_INVALID', node: 'Root' });
    expect(record?.error?.message).toMatch(/not JSON/);
  });

  it('"Require Specific Output Format" off: the parser is ignored (as in n8n); with a JSON Schema output it conflicts', async () => {
    server.reply({ text: 'Paris.' });
    const wires: [string, string][] = [
      ['Model', 'ai_languageModel'],
      ['Parser', 'ai_outputParser'],
    ];
    const off = await run(workflow(chain({ hasOutputParser: false }), [model(), structured], wires));
    expect(off.json[0]?.text).toBe('Paris.');
    expect(lastPrompt()).not.toContain('JSON Schema');
    const both = await run(workflow(chain({ outputFormat: 'json' }), [model(), structured], wires));
    expect(both.record?.error).toMatchObject({ code: 'AI_OUTPUT_FORMAT_CONFLICT' });
  });
});

describe('AI Agent with an Output Parser', () => {
  it('calls its tools, then its final answer is parsed into `output`; memory keeps the question as asked', async () => {
    server.reply(
      { toolCalls: [{ name: 'calculator', arguments: '{"expression":"1000 * 2100"}' }] },
      { text: '{"city":"Paris","population":2100000}' },
      { text: '{"city":"Lyon","population":520000}' },
    );
    const wf = workflow(
      { name: 'Root', type: 'guixu.agent', parameters: {} },
      [
        model(),
        structured,
        { name: 'Calculator', type: 'guixu.toolCalculator' },
        {
          name: 'Memory',
          type: 'guixu.memoryBufferWindow',
          parameters: { sessionId: `parsers-${Date.now()}` },
        },
      ],
      [
        ['Model', 'ai_languageModel'],
        ['Parser', 'ai_outputParser'],
        ['Calculator', 'ai_tool'],
        ['Memory', 'ai_memory'],
      ],
    );
    const { json, streamed } = await run(wf);
    expect(json[0]?.output).toEqual({ city: 'Paris', population: 2100000 });
    expect(json[0]?.steps).toMatchObject([{ toolCalls: [{ tool: 'calculator', output: 2100000 }] }, {}]);
    expect(streamed).toEqual([]);
    // The next turn: the memory holds the first question without the instructions, once.
    const second = await run(wf, [{ json: { chatInput: 'And the second?' } }]);
    expect(second.json[0]?.output).toEqual({ city: 'Lyon', population: 520000 });
    const sent = lastPrompt();
    expect(sent).toContain('Biggest city of France?');
    expect(sent.split('JSON Schema').length - 1).toBe(1);
  });

  it('a final answer that does not fit fails the agent with AI_OUTPUT_INVALID', async () => {
    server.reply({ text: '{"city":42}' });
    const { record } = await run(
      workflow(
        { name: 'Root', type: 'guixu.agent', parameters: {} },
        [model(), structured],
        [
          ['Model', 'ai_languageModel'],
          ['Parser', 'ai_outputParser'],
        ],
      ),
    );
    expect(record?.error).toMatchObject({ code: 'AI_OUTPUT_INVALID', node: 'Root' });
    expect(record?.error?.message).toMatch(/does not fit the schema/);
  });
});
