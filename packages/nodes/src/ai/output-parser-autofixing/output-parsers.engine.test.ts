import {
  createEngine,
  defineNode,
  type JsonObject,
  MemoryBinaryStore,
  p,
  systemClock,
  type Workflow,
} from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverNodes } from '../../index.ts';
import {
  compiledSchema,
  connectedOutputParser,
  parseWithSchema,
  schemaFromExample,
} from '../cluster/output-parser.ts';
import { listItems } from '../output-parser-item-list/output-parser-item-list.node.ts';
import { type ProviderServer, startProviderServer } from '../testing/provider-server.ts';
import { workflowNode as node } from '../testing/workflow-node.ts';

/** A root that parses `$json.answer` with its connected parser (what a chain does with the model's text). */
const parseRoot = defineNode({
  type: 'test.parseWithParser',
  version: 1,
  displayName: 'Parse',
  description: 'test',
  group: 'ai',
  inputs: [
    'main',
    { type: 'ai_outputParser', displayName: 'Output Parser', required: true, maxConnections: 1 },
  ],
  outputs: ['main'],
  params: { answer: p.string({ label: 'Answer', default: '' }) },
  async run(ctx) {
    const out = [];
    for (let i = 0; i < ctx.items.length; i++) {
      const parser = await connectedOutputParser(ctx, i);
      out.push({ json: { output: (await parser?.parse(ctx.params(i).answer, ctx.signal)) ?? null } });
    }
    return [out];
  },
});

let server: ProviderServer;
const registry = (await discoverNodes()).register(parseRoot);
beforeAll(async () => {
  server = await startProviderServer();
});
afterAll(() => server.close());

const withKey = (n: ReturnType<typeof node>) => ({
  ...n,
  credentials: { openAiApi: { id: 'c', name: 'c' } },
});

async function run(wf: Workflow, items: JsonObject[]) {
  const engine = createEngine({
    registry,
    services: { binary: new MemoryBinaryStore(), clock: systemClock },
    credentials: { get: async () => ({ apiKey: 'k', baseUrl: server.baseUrl }) },
  });
  const state = engine.start(wf, {
    executionId: `x-${wf.id}-${Math.random()}`,
    mode: 'manual',
    triggerItems: items.map((json) => ({ json })),
  });
  await engine.run(wf, state);
  return state;
}

describe('Sentiment Analysis', () => {
  const wf = (parameters: Record<string, unknown>): Workflow => ({
    id: 'sentiment',
    name: 'sentiment',
    nodes: [
      node('Start', 'guixu.manualTrigger'),
      node('Sentiment', 'guixu.sentimentAnalysis', parameters),
      withKey(node('Model', 'guixu.lmChatOpenAi', { model: 'gpt-test' })),
    ],
    connections: {
      Start: { main: [[{ node: 'Sentiment', type: 'main', index: 0 }]] },
      Model: { ai_languageModel: [[{ node: 'Sentiment', type: 'ai_languageModel', index: 0 }]] },
    },
    settings: {},
  });

  it('routes each item to its sentiment output, with strength and confidence when asked', async () => {
    server.reply(
      { text: '{"sentiment":"Negative","strength":0.9,"confidence":1.5}' },
      { text: '{"sentiment":"Positive","strength":0.7,"confidence":0.8}' },
    );
    const state = await run(wf({ options: { includeDetailedResults: true } }), [
      { text: 'This is terrible' },
      { text: 'I love it' },
    ]);
    const outputs = state.runData.Sentiment?.[0]?.data?.main ?? [];
    expect(outputs.map((o) => o.map((i) => i.json.text))).toEqual([['I love it'], [], ['This is terrible']]);
    expect(outputs[2]?.[0]?.json.sentimentAnalysis).toEqual({
      category: 'Negative',
      strength: 0.9,
      confidence: 1,
    });
    const sent = server.requests.at(-1)?.body;
    expect(JSON.stringify(sent?.response_format)).toContain('"enum":["Positive","Neutral","Negative"]');
    expect(JSON.stringify(sent?.messages)).toContain('Positive, Neutral, Negative');
  });

  it('takes its own categories', async () => {
    server.reply({ text: '{"sentiment":"Angry"}' });
    const state = await run(wf({ options: { categories: 'Happy, Angry' } }), [{ text: 'Grr' }]);
    const outputs = state.runData.Sentiment?.[0]?.data?.main ?? [];
    expect(outputs.map((o) => o.length)).toEqual([0, 1]);
    expect(outputs[1]?.[0]?.json.sentimentAnalysis).toEqual({ category: 'Angry' });
  });
});

describe('output parsers', () => {
  it('read JSON from fenced or surrounded answers and check it against the schema', () => {
    const schema = schemaFromExample({ state: 'CA', cities: ['LA'], population: 3 });
    expect(
      parseWithSchema('Here:\n```json\n{"state":"NY","cities":["NYC"],"population":8}\n```', schema),
    ).toEqual({
      state: 'NY',
      cities: ['NYC'],
      population: 8,
    });
    expect(() => parseWithSchema('{"state":"NY"}', schema)).toThrow(/does not fit the schema/);
    expect(() => parseWithSchema('no json here', schema)).toThrow(/not JSON/);
    expect(listItems('1. apples\n2) pears\n- plums\n\n', '\n')).toEqual(['apples', 'pears', 'plums']);
  });

  it('read hand-written schemas whose properties are type names; an unreadable schema is AI_SCHEMA_INVALID', () => {
    const shorthand = {
      type: 'array',
      items: { type: 'object', properties: { state: 'string', votes: 'number' } },
    } as unknown as Parameters<typeof parseWithSchema>[1];
    expect(parseWithSchema('[{"state":"CA","votes":54}]', shorthand)).toEqual([{ state: 'CA', votes: 54 }]);
    expect(() => parseWithSchema('[{"state":"CA","votes":"many"}]', shorthand)).toThrow(/does not fit/);
    const broken = { type: 'object', properties: { a: 5 } } as unknown as Parameters<
      typeof compiledSchema
    >[0];
    expect(() => compiledSchema(broken)).toThrow(expect.objectContaining({ code: 'AI_SCHEMA_INVALID' }));
  });

  function parserWorkflow(
    parser: ReturnType<typeof node>,
    extra: Workflow['nodes'] = [],
    connections = {},
  ): Workflow {
    return {
      id: 'parser',
      name: 'parser',
      nodes: [
        node('Start', 'guixu.manualTrigger'),
        node('Root', 'test.parseWithParser', { answer: '={{ $json.answer }}' }),
        parser,
        ...extra,
      ],
      connections: {
        Start: { main: [[{ node: 'Root', type: 'main', index: 0 }]] },
        [parser.name]: { ai_outputParser: [[{ node: 'Root', type: 'ai_outputParser', index: 0 }]] },
        ...connections,
      },
      settings: {},
    };
  }

  it('Item List parser gives an array, cut to the number asked for', async () => {
    const wf = parserWorkflow(node('List', 'guixu.outputParserItemList', { options: { numberOfItems: 2 } }));
    const state = await run(wf, [{ answer: '- red\n- green\n- blue' }]);
    expect(state.runData.Root?.[0]?.data?.main[0]?.[0]?.json.output).toEqual(['red', 'green']);
  });

  it('Auto-fixing parser asks its model once to fix an answer that does not fit, then parses the fix', async () => {
    const wf = parserWorkflow(
      node('Fixing', 'guixu.outputParserAutofixing'),
      [
        node('Structured', 'guixu.outputParserStructured', {
          schemaType: 'fromJson',
          jsonSchemaExample: '{"name":"Ada","age":36}',
        }),
        withKey(node('Model', 'guixu.lmChatOpenAi', { model: 'gpt-test' })),
      ],
      {
        Structured: { ai_outputParser: [[{ node: 'Fixing', type: 'ai_outputParser', index: 0 }]] },
        Model: { ai_languageModel: [[{ node: 'Fixing', type: 'ai_languageModel', index: 0 }]] },
      },
    );
    server.reply({ text: '{"name":"Grace","age":85}' });
    const before = server.requests.length;
    const state = await run(wf, [{ answer: '{"name":"Grace"}' }, { answer: '{"name":"Alan","age":41}' }]);
    expect(state.runData.Root?.[0]?.data?.main[0]?.map((i) => i.json.output)).toEqual([
      { name: 'Grace', age: 85 },
      { name: 'Alan', age: 41 },
    ]);
    expect(server.requests.length - before).toBe(1);
    const prompt = JSON.stringify(server.requests.at(-1)?.body.messages);
    expect(prompt).toContain('did not satisfy the constraints');
    expect(prompt).toContain('age');
  });
});
