import {
  createEngine,
  GuixuError,
  type Item,
  MemoryBinaryStore,
  type NodeServices,
  systemClock,
  type Workflow,
  type WorkflowNode,
} from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverNodes } from '../../index.ts';
import type { UsageSink } from '../cluster/host-services.ts';
import type { ModelUsage } from '../model/usage.ts';
import { type ProviderServer, startProviderServer } from '../testing/provider-server.ts';

const KEY = 'sk-agent-test-secret';
let server: ProviderServer;
const registry = await discoverNodes();

beforeAll(async () => {
  server = await startProviderServer({ apiKey: KEY });
});
afterAll(() => server.close());

type Spec = Partial<WorkflowNode> & { name: string; type: string };

function workflow(id: string, nodes: Spec[], subs: [string, string][]): Workflow {
  const connections: Workflow['connections'] = {
    Start: { main: [[{ node: 'Root', type: 'main', index: 0 }]] },
  };
  for (const [from, type] of subs) connections[from] = { [type]: [[{ node: 'Root', type, index: 0 }]] };
  return {
    id,
    name: id,
    nodes: [{ name: 'Start', type: 'guixu.manualTrigger' }, ...nodes].map((spec, i) => ({
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

const openAiModel = (models = 'gpt-test'): Spec => ({
  name: 'Model',
  type: 'guixu.lmChatOpenAi',
  parameters: { model: models, options: { maxRetries: 0 } },
  credentials: { openAiApi: { id: 'c1', name: 'OpenAI' } },
});

async function run(wf: Workflow, items: Item[], services: Partial<NodeServices> = {}, apiKey = KEY) {
  const engine = createEngine({
    registry,
    services: { binary: new MemoryBinaryStore(), clock: systemClock, ...services },
    credentials: { get: async () => ({ apiKey, baseUrl: server.baseUrl }) },
  });
  const state = engine.start(wf, { executionId: `x-${wf.id}`, mode: 'manual', triggerItems: items });
  await engine.run(wf, state);
  const record = state.runData.Root?.[0];
  return { state, record, json: record?.data?.main[0]?.map((i) => i.json) ?? [] };
}

describe('AI Agent end to end against the local provider', () => {
  it('calls the calculator, answers, streams, records every step and the usage with cost; no key in run data', async () => {
    const wf = workflow(
      'agent-calc',
      [
        { name: 'Root', type: 'guixu.agent', parameters: { systemMessage: 'Use tools.' } },
        openAiModel(),
        { name: 'Calculator', type: 'guixu.toolCalculator' },
      ],
      [
        ['Model', 'ai_languageModel'],
        ['Calculator', 'ai_tool'],
      ],
    );
    server.reply(
      {
        toolCalls: [{ name: 'calculator', arguments: '{"expression":"6 * (3 + 4)"}', id: 'c1' }],
        usage: { input: 50, output: 10 },
      },
      { text: 'The answer is 42.', usage: { input: 70, output: 6 } },
    );
    const deltas: string[] = [];
    const recorded: ModelUsage[] = [];
    const sink: UsageSink = { record: async (usage) => void recorded.push(usage) };
    const { state, json } = await run(wf, [{ json: { chatInput: 'What is 6*(3+4)?' } }], {
      aiStream: (d: string) => deltas.push(d),
      aiPrices: [{ model: 'gpt-test', inputPerMillion: 2, outputPerMillion: 8, currency: 'USD' }],
      aiUsage: sink,
    });
    expect(state.status).toBe('success');
    expect(json[0]?.output).toBe('The answer is 42.');
    expect(deltas.join('')).toBe('The answer is 42.');
    expect(json[0]?.steps).toMatchObject([
      {
        iteration: 1,
        toolCalls: [{ id: 'c1', tool: 'calculator', input: { expression: '6 * (3 + 4)' }, output: 42 }],
      },
      { iteration: 2, text: 'The answer is 42.' },
    ]);
    expect(json[0]?.usage).toMatchObject({ inputTokens: 120, outputTokens: 16, cost: { USD: 0.000368 } });
    expect(recorded.map((u) => [u.model, u.inputTokens, u.cost])).toEqual([
      ['gpt-test', 50, 0.00018],
      ['gpt-test', 70, 0.000188],
    ]);
    const second = server.requests.at(-1)?.body;
    expect(JSON.stringify(second?.messages)).toContain('"role":"tool"');
    expect(JSON.stringify(second?.messages)).toContain('42');
    expect(JSON.stringify(state)).not.toContain(KEY);
    expect(state.runData.Model).toBeUndefined();
  });

  it('remembers the session with Window Buffer Memory, separately per session id', async () => {
    const wf = workflow(
      'agent-memory',
      [
        { name: 'Root', type: 'guixu.agent' },
        openAiModel(),
        { name: 'Memory', type: 'guixu.memoryBufferWindow', parameters: { contextWindowLength: 2 } },
      ],
      [
        ['Model', 'ai_languageModel'],
        ['Memory', 'ai_memory'],
      ],
    );
    server.reply({ text: 'Hello Ann!' }, { text: 'Your name is Ann.' }, { text: 'I do not know.' });
    await run(wf, [{ json: { sessionId: 's1', chatInput: 'I am Ann' } }]);
    const { json } = await run(wf, [{ json: { sessionId: 's1', chatInput: 'Who am I?' } }]);
    expect(json[0]?.output).toBe('Your name is Ann.');
    const sent = server.requests.at(-1)?.body.messages as { role: string; content: unknown }[];
    expect(sent.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(JSON.stringify(sent)).toContain('Hello Ann!');
    await run(wf, [{ json: { sessionId: 's2', chatInput: 'Who am I?' } }]);
    expect(JSON.stringify(server.requests.at(-1)?.body.messages)).not.toContain('Ann');
    // Isolation: another workflow (another project's, possibly) with the same session id starts empty.
    server.reply({ text: 'I do not know.' });
    await run({ ...wf, id: 'agent-memory-other' }, [{ json: { sessionId: 's1', chatInput: 'Who am I?' } }]);
    expect(JSON.stringify(server.requests.at(-1)?.body.messages)).not.toContain('Ann');
  });

  it('a model on the Fallback Model input answers when the chat model fails', async () => {
    const wf = workflow(
      'agent-fallback',
      [
        { name: 'Root', type: 'guixu.agent' },
        openAiModel('no-such-model'),
        { ...openAiModel(), name: 'Backup' },
      ],
      [['Model', 'ai_languageModel']],
    );
    wf.connections.Backup = { ai_languageModel: [[{ node: 'Root', type: 'ai_languageModel', index: 1 }]] };
    server.reply({ text: 'from the fallback input' });
    const { json } = await run(wf, [{ json: { chatInput: 'x' } }]);
    expect(json[0]?.output).toBe('from the fallback input');
    expect(json[0]?.usage).toMatchObject({ calls: [{ model: 'gpt-test' }] });
  });

  it('works with Anthropic tool use, streamed', async () => {
    const wf = workflow(
      'agent-anthropic',
      [
        { name: 'Root', type: 'guixu.agent' },
        {
          name: 'Claude',
          type: 'guixu.lmChatAnthropic',
          parameters: { model: 'claude-test' },
          credentials: { anthropicApi: { id: 'c2', name: 'Anthropic' } },
        },
        { name: 'Calculator', type: 'guixu.toolCalculator' },
      ],
      [
        ['Claude', 'ai_languageModel'],
        ['Calculator', 'ai_tool'],
      ],
    );
    server.reply(
      { toolCalls: [{ name: 'calculator', arguments: '{"expression":"2^10"}' }] },
      { text: '1024' },
    );
    const { json } = await run(wf, [{ json: { chatInput: '2^10?' } }], { aiStream: () => {} });
    expect(json[0]?.output).toBe('1024');
    expect(json[0]?.steps).toMatchObject([
      { toolCalls: [{ tool: 'calculator', output: 1024 }] },
      { text: '1024' },
    ]);
    expect(server.requests.at(-1)?.path).toBe('/v1/messages');
    expect(JSON.stringify(server.requests.at(-1)?.body.messages)).toContain('tool_result');
  });

  it('malformed tool arguments: fed back to the model by default, a clear node error with "fail"', async () => {
    const subs: [string, string][] = [
      ['Model', 'ai_languageModel'],
      ['Calculator', 'ai_tool'],
    ];
    const nodes = (onToolError: string): Spec[] => [
      { name: 'Root', type: 'guixu.agent', parameters: { onToolError } },
      openAiModel(),
      { name: 'Calculator', type: 'guixu.toolCalculator' },
    ];
    server.reply(
      { toolCalls: [{ name: 'calculator', arguments: '{"expression": 1+' }] },
      { text: 'Sorry, fixed.' },
    );
    const fed = await run(workflow('agent-bad-args-1', nodes('feedBack'), subs), [
      { json: { chatInput: 'x' } },
    ]);
    expect(fed.json[0]?.output).toBe('Sorry, fixed.');
    expect(fed.json[0]?.steps).toMatchObject([
      { toolCalls: [{ tool: 'calculator', error: expect.stringMatching(/unusable arguments/) }] },
      { text: 'Sorry, fixed.' },
    ]);
    server.reply({ toolCalls: [{ name: 'calculator', arguments: '{"expression": 1+' }] });
    const failed = await run(workflow('agent-bad-args-2', nodes('fail'), subs), [
      { json: { chatInput: 'x' } },
    ]);
    expect(failed.state.status).toBe('error');
    expect(failed.record?.error).toMatchObject({ code: 'AI_TOOL_ARGUMENTS_INVALID', node: 'Root' });
  });

  it('stops at max iterations, and provider errors are node errors (bad key, budget)', async () => {
    const wf = workflow(
      'agent-limits',
      [
        { name: 'Root', type: 'guixu.agent', parameters: { maxIterations: 1 } },
        openAiModel(),
        { name: 'Calculator', type: 'guixu.toolCalculator' },
      ],
      [
        ['Model', 'ai_languageModel'],
        ['Calculator', 'ai_tool'],
      ],
    );
    server.reply({ toolCalls: [{ name: 'calculator', arguments: '{"expression":"1+1"}' }] });
    expect((await run(wf, [{ json: { chatInput: 'x' } }])).record?.error?.code).toBe('AI_MAX_ITERATIONS');
    const badKey = await run(wf, [{ json: { chatInput: 'x' } }], {}, 'sk-wrong-key');
    expect(badKey.record?.error).toMatchObject({ code: 'AI_AUTH_FAILED' });
    expect(JSON.stringify(badKey.state)).not.toContain('sk-wrong-key');
    const budget: UsageSink = {
      record: async () => {},
      check: async () => {
        throw new GuixuError('AI_BUDGET_EXCEEDED', 'The project spent its monthly AI budget');
      },
    };
    const before = server.requests.length;
    const stopped = await run(wf, [{ json: { chatInput: 'x' } }], { aiUsage: budget });
    expect(stopped.record?.error?.code).toBe('AI_BUDGET_EXCEEDED');
    expect(server.requests.length).toBe(before);
  });
});

describe('Basic LLM Chain', () => {
  it('answers each item as text, or as JSON checked against the schema', async () => {
    const chain = (parameters: Record<string, unknown>) =>
      workflow(
        'chain',
        [{ name: 'Root', type: 'guixu.chainLlm', parameters }, openAiModel()],
        [['Model', 'ai_languageModel']],
      );
    server.reply({ text: 'Bonjour' }, { text: 'Salut' });
    const text = await run(chain({ prompt: '=Translate {{ $json.word }}' }), [
      { json: { word: 'hello' } },
      { json: { word: 'hi' } },
    ]);
    expect(text.json.map((j) => j.text)).toEqual(['Bonjour', 'Salut']);
    expect(server.requests.at(-1)?.body.messages).toEqual([{ role: 'user', content: 'Translate hi' }]);
    server.reply({ text: '{"answer":"Paris"}' });
    const json = await run(chain({ prompt: 'Capital of France?', outputFormat: 'json' }), [{ json: {} }]);
    expect(json.json[0]).toMatchObject({ output: { answer: 'Paris' }, usage: { inputTokens: 10 } });
  });

  it('without a chat model connected it says what to connect', async () => {
    const wf = workflow(
      'chain-alone',
      [{ name: 'Root', type: 'guixu.chainLlm', parameters: { prompt: 'x' } }],
      [],
    );
    const { record } = await run(wf, [{ json: {} }]);
    expect(record?.error).toMatchObject({ code: 'AI_SUB_NODE_MISSING' });
  });
});
