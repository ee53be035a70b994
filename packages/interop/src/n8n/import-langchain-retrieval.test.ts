import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bagOfWords } from '../../../nodes/src/ai/testing/bag-of-words.ts';
import { type ProviderServer, startProviderServer } from '../../../nodes/src/ai/testing/provider-server.ts';
import { importN8n } from './import-n8n.ts';

/**
 * n8n RAG workflows using the Question and Answer Chain with a Vector Store
 * Retriever, the Vector Store Tool, and a chain with an Auto-fixing Output Parser
 * import with no placeholder and run against the local provider.
 */
const registry = await builtinNodes();
let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer({
    models: ['gpt-4o-mini', 'text-embedding-ada-002'],
    embed: (text) => bagOfWords(text),
  });
});
afterAll(() => server.close());

interface N8nNode {
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, unknown>;
  credentials?: Record<string, unknown>;
}
interface N8nFile {
  name: string;
  nodes: N8nNode[];
  connections: Record<string, Record<string, { node: string; type: string; index: number }[][]>>;
}

const LC = '@n8n/n8n-nodes-langchain.';
const openAi = { openAiApi: { id: '1', name: 'OpenAi account' } };
const lc = (
  name: string,
  type: string,
  typeVersion: number,
  parameters: Record<string, unknown>,
): N8nNode => ({
  name,
  type: `${LC}${type}`,
  typeVersion,
  position: [0, 0],
  parameters,
  ...(type.startsWith('lmChat') || type.startsWith('embeddings') ? { credentials: openAi } : {}),
});
const to = (node: string, type: string) => ({ [type]: [[{ node, type, index: 0 }]] });
const chatModel = (name: string) =>
  lc(name, 'lmChatOpenAi', 1.2, { model: { __rl: true, mode: 'list', value: 'gpt-4o-mini' }, options: {} });

/** The ingesting half of the stored RAG fixture (Start → Pages → Store with loader, splitter, embeddings). */
async function ingestingHalf(memoryKey: string): Promise<N8nFile> {
  const file = JSON.parse(
    await readFile(join(import.meta.dirname, '../../test/fixtures/n8n/rag-in-memory.json'), 'utf8'),
  ) as N8nFile;
  const nodes = file.nodes
    .filter((n) => !['Agent', 'Chat Model', 'Handbook'].includes(n.name))
    .map((n) => (n.name === 'Store' ? { ...n, parameters: { ...n.parameters, memoryKey } } : n));
  const connections = { ...file.connections };
  delete connections['Chat Model'];
  delete connections.Handbook;
  connections.Embeddings = to('Store', 'ai_embedding');
  return { ...file, nodes, connections };
}

async function importAndRun(file: N8nFile, tenant: string) {
  const { workflow, report } = importN8n(JSON.stringify(file), { registry, fileName: `${file.name}.json` });
  expect(report.validation.errors).toEqual([]);
  expect(report.summary).toMatchObject({ placeholders: 0 });
  const engine = createEngine({
    registry,
    services: { binary: new MemoryBinaryStore(), clock: systemClock, codeSandboxTenant: tenant },
    credentials: { get: async () => ({ apiKey: 'k', baseUrl: server.baseUrl }) },
  });
  const state = engine.start(workflow, {
    executionId: `n8n-${file.name}`,
    mode: 'manual',
    triggerItems: [{ json: {} }],
  });
  await engine.run(workflow, state);
  return state;
}

describe('imported n8n retrieval workflows run', () => {
  it('Question and Answer Chain ← Vector Store Retriever ← In-Memory store "retrieve": answers with cited sources', async () => {
    const key = `qa_${process.pid}`;
    const file = await ingestingHalf(key);
    file.name = 'qa-chain';
    file.nodes.push(
      lc('QA', 'chainRetrievalQa', 1.6, {
        promptType: 'define',
        text: 'Do I need approval before booking travel?',
      }),
      chatModel('Chat Model'),
      lc('Retriever', 'retrieverVectorStore', 1, { topK: 1 }),
      lc('Search', 'vectorStoreInMemory', 1.3, { memoryKey: { __rl: true, mode: 'list', value: key } }),
      lc('Query Embeddings', 'embeddingsOpenAi', 1.1, { options: {} }),
    );
    Object.assign(file.connections, {
      Store: to('QA', 'main'),
      'Chat Model': to('QA', 'ai_languageModel'),
      Retriever: to('QA', 'ai_retriever'),
      Search: to('Retriever', 'ai_vectorStore'),
      'Query Embeddings': to('Search', 'ai_embedding'),
    });
    server.reply({ text: 'Yes: your manager approves it before booking [1].' });
    const state = await importAndRun(file, `qa-${process.pid}`);
    expect(state.status).toBe('success');
    const out = state.runData.QA?.[0]?.data?.main[0]?.[0]?.json;
    expect(out?.response).toContain('[1]');
    expect(out?.sources).toEqual([expect.objectContaining({ n: 1, source: 'expenses.md' })]);
    expect(JSON.stringify(server.requests.at(-1)?.body.messages)).toContain('(expenses.md) Travel expenses');
  });

  it('AI Agent ← Vector Store Tool ← store "retrieve" + its own model', async () => {
    const key = `tool_${process.pid}`;
    const file = await ingestingHalf(key);
    file.name = 'vector-store-tool';
    file.nodes.push(
      lc('Agent', 'agent', 1.7, { promptType: 'define', text: 'Do I need approval before booking travel?' }),
      chatModel('Agent Model'),
      lc('Answer questions with a vector store', 'toolVectorStore', 1.1, {
        description: 'the travel and expenses handbook',
        topK: 1,
      }),
      chatModel('Tool Model'),
      lc('Search', 'vectorStoreInMemory', 1.3, { memoryKey: { __rl: true, mode: 'list', value: key } }),
      lc('Query Embeddings', 'embeddingsOpenAi', 1.1, { options: {} }),
    );
    Object.assign(file.connections, {
      Store: to('Agent', 'main'),
      'Agent Model': to('Agent', 'ai_languageModel'),
      'Answer questions with a vector store': to('Agent', 'ai_tool'),
      'Tool Model': to('Answer questions with a vector store', 'ai_languageModel'),
      Search: to('Answer questions with a vector store', 'ai_vectorStore'),
      'Query Embeddings': to('Search', 'ai_embedding'),
    });
    server.reply(
      {
        toolCalls: [
          {
            name: 'Answer_questions_with_a_vector_store',
            arguments: '{"query":"approval before booking travel"}',
          },
        ],
      },
      { text: 'Travel needs your manager’s approval first [1].' },
      { text: 'Yes, ask your manager first (expenses.md).' },
    );
    const state = await importAndRun(file, `tool-${process.pid}`);
    expect(state.status).toBe('success');
    const out = state.runData.Agent?.[0]?.data?.main[0]?.[0]?.json;
    expect(out?.output).toContain('expenses.md');
    expect(out?.steps).toMatchObject([
      { toolCalls: [{ output: { sources: [{ source: 'expenses.md' }] } }] },
      {},
    ]);
  });

  it('Basic LLM Chain with "Require Specific Output Format" and an Auto-fixing parser fixes and parses the answer', async () => {
    const file: N8nFile = {
      name: 'parsed-chain',
      nodes: [
        {
          name: 'Start',
          type: 'n8n-nodes-base.manualTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
        lc('Chain', 'chainLlm', 1.5, {
          promptType: 'define',
          text: 'Return the 3 biggest cities of California',
          hasOutputParser: true,
        }),
        chatModel('Chat Model'),
        lc('Auto-fixing Output Parser', 'outputParserAutofixing', 1, { options: {} }),
        chatModel('Fixing Model'),
        lc('Structured Output Parser', 'outputParserStructured', 1.2, {
          jsonSchemaExample: '{"state": "California", "cities": ["Los Angeles"]}',
        }),
      ],
      connections: {
        Start: to('Chain', 'main'),
        'Chat Model': to('Chain', 'ai_languageModel'),
        'Auto-fixing Output Parser': to('Chain', 'ai_outputParser'),
        'Fixing Model': to('Auto-fixing Output Parser', 'ai_languageModel'),
        'Structured Output Parser': to('Auto-fixing Output Parser', 'ai_outputParser'),
      },
    };
    server.reply(
      { text: '{"state":"California","cities":"LA, San Diego, San Jose"}' },
      { text: '{"state":"California","cities":["Los Angeles","San Diego","San Jose"]}' },
    );
    const state = await importAndRun(file, `parsed-${process.pid}`);
    expect(state.status).toBe('success');
    expect(state.runData.Chain?.[0]?.data?.main[0]?.[0]?.json.output).toEqual({
      state: 'California',
      cities: ['Los Angeles', 'San Diego', 'San Jose'],
    });
  });
});
