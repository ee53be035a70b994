import {
  createEngine,
  createInProcessSubWorkflowRunner,
  MemoryBinaryStore,
  type NodeServices,
  systemClock,
  type Workflow,
} from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverNodes } from '../../index.ts';
import { type ProviderServer, startProviderServer } from '../testing/provider-server.ts';
import { workflowNode as node } from '../testing/workflow-node.ts';
import { fillFromAi, fromAiParameters, fromAiSchema } from './from-ai.ts';

let server: ProviderServer;
const registry = await discoverNodes();
beforeAll(async () => {
  server = await startProviderServer();
});
afterAll(() => server.close());

describe('$fromAI()', () => {
  const parameters = {
    url: "=https://example.test/{{ $fromAI('city', 'The city to look up', 'string') }}",
    limit: "={{ $fromAI('limit', 'How many', 'number', 5) }}",
    nested: { flag: '={{ $fromAI("exact", "Exact match?", "boolean") }}' },
  };

  it('declares the model-filled arguments as a JSON Schema', () => {
    const declared = fromAiParameters(parameters);
    expect(fromAiSchema(declared)).toEqual({
      type: 'object',
      properties: {
        city: { type: 'string', description: 'The city to look up' },
        limit: { type: 'number', description: 'How many' },
        exact: { type: 'boolean', description: 'Exact match?' },
      },
      required: ['city', 'exact'],
    });
  });

  it('fills values as JSON literals inside expressions, whole values as they are, defaults when absent', () => {
    const declared = fromAiParameters(parameters);
    expect(fillFromAi(parameters, { city: 'Ha"rbin', exact: true }, declared)).toEqual({
      url: '=https://example.test/{{ "Ha\\"rbin" }}',
      limit: 5,
      nested: { flag: true },
    });
    expect(() => fillFromAi(parameters, {}, declared)).toThrow(/did not give "city"/);
  });
});

describe('Node Tool', () => {
  it('runs the configured node with the model’s arguments and answers with its output', async () => {
    const wf: Workflow = {
      id: 'node-tool',
      name: 'node-tool',
      nodes: [
        node('Start', 'guixu.manualTrigger'),
        node('Agent', 'guixu.agent', { prompt: 'Greet Paris', maxIterations: 3 }),
        {
          ...node('Model', 'guixu.lmChatOpenAi', { model: 'gpt-test' }),
          credentials: { openAiApi: { id: 'c', name: 'c' } },
        },
        node('Greeter', 'guixu.toolNode', {
          description: 'Greets a city',
          nodeType: 'guixu.set',
          nodeParameters: {
            mode: 'manual',
            assignments: {
              assignments: [
                {
                  id: 'a',
                  name: 'greeting',
                  value: "=Hello {{ $fromAI('city', 'The city') }}!",
                  type: 'string',
                },
                {
                  id: 'b',
                  name: 'times',
                  value: "={{ $fromAI('times', 'How often', 'number') * 2 }}",
                  type: 'number',
                },
              ],
            },
            includeOtherFields: false,
            options: {},
          },
        }),
      ],
      connections: {
        Start: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
        Model: { ai_languageModel: [[{ node: 'Agent', type: 'ai_languageModel', index: 0 }]] },
        Greeter: { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
      },
      settings: {},
    };
    const services: NodeServices = { binary: new MemoryBinaryStore(), clock: systemClock };
    const engine = createEngine({
      registry,
      services,
      credentials: { get: async () => ({ apiKey: 'k', baseUrl: server.baseUrl }) },
    });
    services.subWorkflows = createInProcessSubWorkflowRunner({ engine });
    server.reply(
      { toolCalls: [{ name: 'Greeter', arguments: '{"city":"Paris","times":2}' }] },
      { text: 'Done: Hello Paris!' },
    );
    const state = engine.start(wf, {
      executionId: 'node-tool',
      mode: 'manual',
      triggerItems: [{ json: {} }],
    });
    await engine.run(wf, state);
    expect(state.status).toBe('success');
    const out = state.runData.Agent?.[0]?.data?.main[0]?.[0]?.json;
    expect(out?.steps).toMatchObject([
      {
        toolCalls: [
          {
            tool: 'Greeter',
            input: { city: 'Paris', times: 2 },
            output: { greeting: 'Hello Paris!', times: 4 },
          },
        ],
      },
      {},
    ]);
    const declared = JSON.stringify(server.requests.find((r) => r.body.tools)?.body.tools);
    expect(declared).toContain('"city"');
    expect(declared).toContain('"times"');
  });
});
