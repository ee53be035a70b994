import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetOf } from '../../../nodes/src/ai/model/presets.ts';
import { type ProviderServer, startProviderServer } from '../../../nodes/src/ai/testing/provider-server.ts';
import { CHAT_SERVICES, EMBEDDING_SERVICES } from './langchain-compatible.ts';
import { exportN8n } from './export-n8n.ts';
import { importN8n } from './import-n8n.ts';

const registry = await builtinNodes();
let server: ProviderServer;

beforeAll(async () => {
  server = await startProviderServer({ models: ['gemini-2.0-flash'] });
});
afterAll(() => server.close());

/** A Basic LLM Chain on Google Gemini as n8n exports it. */
const n8nGeminiChain = {
  name: 'Gemini summary',
  nodes: [
    {
      id: 'a',
      name: 'When clicking ‘Test workflow’',
      type: 'n8n-nodes-base.manualTrigger',
      typeVersion: 1,
      position: [0, 0],
      parameters: {},
    },
    {
      id: 'b',
      name: 'Basic LLM Chain',
      type: '@n8n/n8n-nodes-langchain.chainLlm',
      typeVersion: 1.5,
      position: [220, 0],
      parameters: { promptType: 'define', text: '=Summarise: {{ $json.body }}' },
    },
    {
      id: 'c',
      name: 'Google Gemini Chat Model',
      type: '@n8n/n8n-nodes-langchain.lmChatGoogleGemini',
      typeVersion: 1,
      position: [220, 220],
      parameters: {
        modelName: 'models/gemini-2.0-flash',
        options: { temperature: 0.2, maxOutputTokens: 300, topK: 40 },
      },
      credentials: { googlePalmApi: { id: '7', name: 'Google Gemini(PaLM) Api account' } },
    },
  ],
  connections: {
    'When clicking ‘Test workflow’': { main: [[{ node: 'Basic LLM Chain', type: 'main', index: 0 }]] },
    'Google Gemini Chat Model': {
      ai_languageModel: [[{ node: 'Basic LLM Chain', type: 'ai_languageModel', index: 0 }]],
    },
  },
};

describe('an imported n8n Gemini chain runs through the OpenAI-compatible Chat Model', () => {
  it('imports with no placeholder, asks for a Gemini-preset credential and answers through the local server', async () => {
    const { workflow, report } = importN8n(JSON.stringify(n8nGeminiChain), {
      registry,
      fileName: 'gemini.json',
    });
    expect(report.validation.errors).toEqual([]);
    expect(report.summary).toMatchObject({ nodes: 3, placeholders: 0 });
    expect(report.credentials).toEqual([
      {
        node: 'Google Gemini Chat Model',
        slot: 'openAiCompatibleApi',
        name: 'Google Gemini(PaLM) Api account',
      },
    ]);
    const model = report.nodes.find((n) => n.node === 'Google Gemini Chat Model');
    expect(model?.targetType).toBe('guixu.lmChatOpenAiCompatible');
    expect(model?.warnings).toEqual([
      expect.stringContaining('Service is "Google Gemini"'),
      'Model option "topK" has no GuixuFlow equivalent and was left out',
    ]);

    const engine = createEngine({
      registry,
      services: { binary: new MemoryBinaryStore(), clock: systemClock },
      credentials: {
        get: async ({ ref, type }) => {
          expect([ref.name, type]).toEqual(['Google Gemini(PaLM) Api account', 'openAiCompatibleApi']);
          // The Gemini preset with the Base URL overridden by the local server.
          return { preset: 'gemini', baseUrl: server.baseUrl, apiKey: 'gemini-key' };
        },
      },
    });
    server.reply({ text: 'A short summary.' });
    const state = engine.start(workflow, {
      executionId: 'n8n-gemini-chain',
      mode: 'manual',
      triggerItems: [{ json: { body: 'A long text about rivers.' } }],
    });
    await engine.run(workflow, state);
    expect(state.status).toBe('success');
    expect(state.runData['Basic LLM Chain']?.[0]?.data?.main[0]?.[0]?.json?.text).toBe('A short summary.');
    const request = server.requests.at(-1);
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer gemini-key');
    expect(request?.body).toMatchObject({
      model: 'gemini-2.0-flash',
      temperature: 0.2,
      max_tokens: 300,
      messages: [{ role: 'user', content: 'Summarise: A long text about rivers.' }],
    });
  });

  it("exports back as n8n's OpenAI Chat Model, whose OpenAI credential takes the service's Base URL", () => {
    const { workflow } = importN8n(JSON.stringify(n8nGeminiChain), { registry });
    const { workflow: back, report } = exportN8n(workflow, { registry });
    expect(report.notExported).toEqual([]);
    expect(back.nodes.find((n) => n.name === 'Google Gemini Chat Model')).toMatchObject({
      type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
      typeVersion: 1.2,
      parameters: {
        model: { __rl: true, mode: 'id', value: 'gemini-2.0-flash' },
        options: { temperature: 0.2, maxTokens: 300 },
      },
      credentials: { openAiApi: { name: 'Google Gemini(PaLM) Api account' } },
    });
  });
});

describe('the services n8n nodes map onto', () => {
  it('each names an OpenAI-compatible preset whose label the report quotes', () => {
    for (const service of [...CHAT_SERVICES, ...EMBEDDING_SERVICES]) {
      expect(presetOf(service.preset), service.n8nType).toMatchObject({ label: service.label });
    }
    expect(presetOf('gemini')?.baseUrl).toBe('https://generativelanguage.googleapis.com/v1beta/openai');
  });
});
