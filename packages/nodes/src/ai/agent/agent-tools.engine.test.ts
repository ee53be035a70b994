import {
  createEngine,
  createInProcessSubWorkflowRunner,
  MemoryBinaryStore,
  systemClock,
  type Workflow,
} from '@guixu/core';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

const node = workflowNode;

const lookup: Workflow = {
  id: 'wf-lookup',
  name: 'Look up a city',
  nodes: [
    node('In', 'guixu.executeWorkflowTrigger', { inputSource: 'passthrough' }),
    node('Answer', 'guixu.set', {
      assignments: {
        assignments: [
          { name: 'population', type: 'number', value: '={{ $json.city === "Hangzhou" ? 12 : 0 }}' },
        ],
      },
    }),
  ],
  connections: { In: { main: [[{ node: 'Answer', type: 'main', index: 0 }]] } },
  settings: {},
};

const agent: Workflow = {
  id: 'wf-agent-tools',
  name: 'Agent with tools',
  nodes: [
    node('Start', 'guixu.manualTrigger'),
    node('Agent', 'guixu.agent'),
    {
      ...node('Model', 'guixu.lmChatOpenAi', { model: 'gpt-test' }),
      credentials: { openAiApi: { id: 'c', name: 'c' } },
    },
    node('Count Words', 'guixu.toolCode', {
      description: 'Counts words',
      jsCode: 'return { words: $json.query.trim().split(/\\s+/).length };',
    }),
    node('City Facts', 'guixu.toolWorkflow', {
      description: 'Population of a city in millions',
      workflowId: 'wf-lookup',
      inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    }),
  ],
  connections: {
    Start: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
    Model: { ai_languageModel: [[{ node: 'Agent', type: 'ai_languageModel', index: 0 }]] },
    'Count Words': { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
    'City Facts': { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
  },
  settings: {},
};

describe('agent tools that run user code and other workflows', () => {
  it('the Code tool runs in the sandbox and the Call Workflow tool runs the stored workflow, in one step', async () => {
    const services = { binary: new MemoryBinaryStore(), clock: systemClock };
    const engine = createEngine({
      registry,
      services,
      credentials: { get: async () => ({ apiKey: 'k', baseUrl: server.baseUrl }) },
    });
    Object.assign(services, {
      subWorkflows: createInProcessSubWorkflowRunner({ engine, loadWorkflow: async () => lookup }),
    });
    server.reply(
      {
        toolCalls: [
          { name: 'Count_Words', arguments: '{"query":"how many words here"}', id: 'a' },
          { name: 'City_Facts', arguments: '{"city":"Hangzhou"}', id: 'b' },
        ],
      },
      { text: '4 words; Hangzhou has 12 million people.' },
    );
    const state = engine.start(agent, {
      executionId: 'tools-1',
      mode: 'manual',
      triggerItems: [{ json: { chatInput: 'q' } }],
    });
    await engine.run(agent, state);
    expect(state.runData.Agent?.[0]?.error).toBeUndefined();
    expect(state.status).toBe('success');
    const out = state.runData.Agent?.[0]?.data?.main[0]?.[0]?.json;
    expect(out?.steps).toMatchObject([
      {
        toolCalls: [
          { tool: 'Count_Words', output: { words: 4 } },
          { tool: 'City_Facts', input: { city: 'Hangzhou' }, output: { population: 12 } },
        ],
      },
      { text: '4 words; Hangzhou has 12 million people.' },
    ]);
    const tools = server.requests.at(-2)?.body.tools as { function: { name: string; description: string } }[];
    expect(tools.map((t) => t.function.name).sort()).toEqual(['City_Facts', 'Count_Words']);
  });

  it('the HTTP Request tool fills URL placeholders URL-encoded and hands the JSON answer back', async () => {
    const seen: string[] = [];
    const api = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ forecast: 'sunny' }));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const { port } = api.address() as AddressInfo;
    const wf: Workflow = {
      ...agent,
      id: 'wf-agent-http',
      nodes: [
        ...agent.nodes.filter((n) => n.type !== 'guixu.toolCode' && n.type !== 'guixu.toolWorkflow'),
        node('Weather', 'guixu.toolHttpRequest', {
          description: 'Weather of a city',
          url: `http://127.0.0.1:${port}/weather?city={city}`,
        }),
      ],
      connections: {
        Start: agent.connections.Start ?? {},
        Model: agent.connections.Model ?? {},
        Weather: { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
      },
    };
    const engine = createEngine({
      registry,
      services: { binary: new MemoryBinaryStore(), clock: systemClock },
      credentials: { get: async () => ({ apiKey: 'k', baseUrl: server.baseUrl }) },
    });
    server.reply(
      { toolCalls: [{ name: 'Weather', arguments: '{"city":"Hang zhou/../admin?x=1"}' }] },
      { text: 'Sunny.' },
    );
    const state = engine.start(wf, {
      executionId: 'http-1',
      mode: 'manual',
      triggerItems: [{ json: { chatInput: 'q' } }],
    });
    await engine.run(wf, state);
    api.close();
    expect(seen).toEqual(['/weather?city=Hang%20zhou%2F..%2Fadmin%3Fx%3D1']);
    const out = state.runData.Agent?.[0]?.data?.main[0]?.[0]?.json;
    expect(out?.steps).toMatchObject([
      { toolCalls: [{ tool: 'Weather', output: { forecast: 'sunny' } }] },
      { text: 'Sunny.' },
    ]);
  });
});
