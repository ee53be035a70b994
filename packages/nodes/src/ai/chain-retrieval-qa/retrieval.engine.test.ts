import {
  createEngine,
  createInProcessSubWorkflowRunner,
  type JsonObject,
  MemoryBinaryStore,
  type NodeServices,
  systemClock,
  type Workflow,
  type WorkflowNode,
} from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverNodes } from '../../index.ts';
import { queriesOf } from '../retriever-multi-query/retriever-multi-query.node.ts';
import { documentOfItem } from '../retriever-workflow/retriever-workflow.node.ts';
import { bagOfWords } from '../testing/bag-of-words.ts';
import { type ProviderServer, startProviderServer } from '../testing/provider-server.ts';
import { workflowNode as node } from '../testing/workflow-node.ts';

/** Retrievers, the Question and Answer Chain and the Vector Store Tool over the sqlite-vec store. */
let server: ProviderServer;
const registry = await discoverNodes();
const COLLECTION = `qa-${process.pid}-${Date.now()}`;
const PROJECT = `qa-project-${process.pid}`;

beforeAll(async () => {
  server = await startProviderServer({ embed: (t) => bagOfWords(t) });
});
afterAll(() => server.close());

const withKey = (n: WorkflowNode): WorkflowNode => ({
  ...n,
  credentials: { openAiCompatibleApi: { id: 'c', name: 'c' } },
});
const wire = (from: string, type: string, to: string) => ({
  [from]: { [type]: [[{ node: to, type, index: 0 }]] },
});
const model = (name = 'Model') => withKey(node(name, 'guixu.lmChatOpenAiCompatible', { model: 'gpt-test' }));
const embeddings = withKey(node('Embeddings', 'guixu.embeddingsOpenAiCompatible', { model: 'embed-test' }));
const store = node('Store', 'guixu.vectorStoreSqlite', { mode: 'retrieve', collection: COLLECTION });

async function run(wf: Workflow, items: JsonObject[], project = PROJECT) {
  const services: NodeServices = {
    binary: new MemoryBinaryStore(),
    clock: systemClock,
    codeSandboxTenant: project,
  };
  const engine = createEngine({
    registry,
    services,
    credentials: { get: async () => ({ apiKey: 'k', baseUrl: server.baseUrl }) },
  });
  Object.assign(services, {
    subWorkflows: createInProcessSubWorkflowRunner({ engine, loadWorkflow: async () => handbookWorkflow }),
  });
  const state = engine.start(wf, {
    executionId: `x-${wf.id}-${Math.random()}`,
    mode: 'manual',
    triggerItems: items.map((json) => ({ json })),
  });
  await engine.run(wf, state);
  return state;
}

const DOCS = [
  { title: 'leave.md', body: 'Annual leave: every employee has 25 days of paid leave per year.' },
  { title: 'expenses.md', body: 'Travel expenses need approval from your manager before booking.' },
  { title: 'security.md', body: 'Lock your laptop screen and use the password manager for every account.' },
];

/** A workflow answering `{ query }` with documents in n8n's shape. */
const handbookWorkflow: Workflow = {
  id: 'wf-handbook',
  name: 'Handbook lookup',
  nodes: [
    node('In', 'guixu.executeWorkflowTrigger', { inputSource: 'passthrough' }),
    node('Answer', 'guixu.code', {
      jsCode:
        "return [{ json: { pageContent: 'Security: lock the screen (' + $input.first().json.query + ')', metadata: { source: 'security.md' } } }, { json: { note: 'raw' } }];",
    }),
  ],
  connections: { In: { main: [[{ node: 'Answer', type: 'main', index: 0 }]] } },
  settings: {},
};

const qaChain = (retriever: WorkflowNode[], connections: Workflow['connections']): Workflow => ({
  id: 'qa-chain',
  name: 'qa',
  nodes: [node('Start', 'guixu.manualTrigger'), node('QA', 'guixu.chainRetrievalQa'), model(), ...retriever],
  connections: {
    Start: { main: [[{ node: 'QA', type: 'main', index: 0 }]] },
    ...wire('Model', 'ai_languageModel', 'QA'),
    ...connections,
  },
  settings: {},
});

describe('retrieval over the sqlite-vec store', () => {
  beforeAll(async () => {
    const ingest: Workflow = {
      id: 'qa-ingest',
      name: 'ingest',
      nodes: [
        node('Start', 'guixu.manualTrigger'),
        node('Store', 'guixu.vectorStoreSqlite', { mode: 'insert', collection: COLLECTION }),
        node('Loader', 'guixu.documentDefaultDataLoader', {
          text: '={{ $json.body }}',
          source: '={{ $json.title }}',
        }),
        embeddings,
      ],
      connections: {
        Start: { main: [[{ node: 'Store', type: 'main', index: 0 }]] },
        ...wire('Loader', 'ai_document', 'Store'),
        ...wire('Embeddings', 'ai_embedding', 'Store'),
      },
      settings: {},
    };
    expect((await run(ingest, DOCS)).status).toBe('success');
  });

  it('Question and Answer Chain with a Vector Store Retriever answers from the best chunks and cites them', async () => {
    server.reply({ text: 'Your manager must approve travel before booking [1].' });
    const wf = qaChain([node('Retriever', 'guixu.retrieverVectorStore', { topK: 2 }), store, embeddings], {
      ...wire('Retriever', 'ai_retriever', 'QA'),
      ...wire('Store', 'ai_vectorStore', 'Retriever'),
      ...wire('Embeddings', 'ai_embedding', 'Store'),
    });
    wf.nodes[1] = { ...node('QA', 'guixu.chainRetrievalQa', { includeDocuments: true }) };
    const state = await run(wf, [{ chatInput: 'Do travel expenses need approval before booking?' }]);
    expect(state.status).toBe('success');
    const out = state.runData.QA?.[0]?.data?.main[0]?.[0]?.json;
    expect(out?.response).toBe('Your manager must approve travel before booking [1].');
    expect(out?.sources).toMatchObject([
      { n: 1, source: 'expenses.md', documentId: 'expenses.md', chunk: 0 },
      { n: 2 },
    ]);
    expect((out?.documents as JsonObject[] | undefined)?.[0]?.text).toContain(
      'Travel expenses need approval',
    );
    expect(out?.usage).toMatchObject({ inputTokens: expect.any(Number) });
    const body = server.requests.at(-1)?.body;
    const sent = JSON.stringify(body?.messages);
    expect(sent).toContain('[1] (expenses.md) Travel expenses need approval');
    expect(sent).toContain('Do travel expenses need approval before booking?');
  });

  it('MultiQuery Retriever searches each wording and merges the documents once each', async () => {
    expect(queriesOf('1. paid leave days\n2) annual holidays\n\n- vacation', 2)).toEqual([
      'paid leave days',
      'annual holidays',
    ]);
    server.reply(
      { text: '1. How many days of paid leave per year?\n2. password manager for every account' },
      { text: 'You get 25 days [1].' },
    );
    const before = server.requests.length;
    const wf = qaChain(
      [
        node('Multi', 'guixu.retrieverMultiQuery', { options: { queryCount: 2 } }),
        model('Rewriter'),
        node('Retriever', 'guixu.retrieverVectorStore', { topK: 1 }),
        store,
        embeddings,
      ],
      {
        ...wire('Multi', 'ai_retriever', 'QA'),
        ...wire('Rewriter', 'ai_languageModel', 'Multi'),
        ...wire('Retriever', 'ai_retriever', 'Multi'),
        ...wire('Store', 'ai_vectorStore', 'Retriever'),
        ...wire('Embeddings', 'ai_embedding', 'Store'),
      },
    );
    const state = await run(wf, [{ chatInput: 'paid leave days per year' }]);
    expect(state.status).toBe('success');
    const out = state.runData.QA?.[0]?.data?.main[0]?.[0]?.json;
    // The question and the first wording both find leave.md (kept once); the second finds security.md.
    expect((out?.sources as JsonObject[] | undefined)?.map((s) => s.source)).toEqual([
      'leave.md',
      'security.md',
    ]);
    const chats = server.requests.slice(before).filter((r) => r.path.endsWith('/chat/completions'));
    expect(chats).toHaveLength(2);
    expect(JSON.stringify(chats[0]?.body.messages)).toContain('generate 2 different versions');
  });

  it('Workflow Retriever reads the documents the other workflow outputs', async () => {
    expect(documentOfItem({ a: 1 }, 3, 'w')).toEqual({
      documentId: 'w#3',
      text: '{"a":1}',
      metadata: { workflowId: 'w', itemIndex: 3 },
    });
    server.reply({ text: 'Lock your screen [1].' });
    const wf = qaChain([node('Retriever', 'guixu.retrieverWorkflow', { workflowId: 'wf-handbook' })], {
      ...wire('Retriever', 'ai_retriever', 'QA'),
    });
    const state = await run(wf, [{ chatInput: 'laptop rules' }]);
    expect(state.status).toBe('success');
    const out = state.runData.QA?.[0]?.data?.main[0]?.[0]?.json;
    expect(out?.sources).toMatchObject([
      { n: 1, source: 'security.md' },
      { n: 2, source: 'wf-handbook#1' },
    ]);
    expect(JSON.stringify(server.requests.at(-1)?.body.messages)).toContain('lock the screen (laptop rules)');
  });

  it('Vector Store Tool: the agent asks, the tool answers from the store with its own model and cites sources', async () => {
    server.reply(
      { toolCalls: [{ name: 'handbook', arguments: '{"query":"How many days of paid leave per year?"}' }] },
      { text: 'Every employee has 25 days of paid leave per year [1].' },
      { text: 'You have 25 days of paid leave (leave.md).' },
    );
    const wf: Workflow = {
      id: 'qa-tool',
      name: 'tool',
      nodes: [
        node('Start', 'guixu.manualTrigger'),
        node('Agent', 'guixu.agent'),
        model(),
        node('Handbook', 'guixu.toolVectorStore', {
          name: 'handbook',
          description: 'the employee handbook',
          topK: 1,
        }),
        model('Tool Model'),
        store,
        embeddings,
      ],
      connections: {
        Start: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
        ...wire('Model', 'ai_languageModel', 'Agent'),
        ...wire('Handbook', 'ai_tool', 'Agent'),
        ...wire('Tool Model', 'ai_languageModel', 'Handbook'),
        ...wire('Store', 'ai_vectorStore', 'Handbook'),
        ...wire('Embeddings', 'ai_embedding', 'Store'),
      },
      settings: {},
    };
    const before = server.requests.length;
    const state = await run(wf, [{ chatInput: 'How much leave do I get?' }]);
    expect(state.status).toBe('success');
    const out = state.runData.Agent?.[0]?.data?.main[0]?.[0]?.json;
    expect(out?.output).toContain('leave.md');
    expect(out?.steps).toMatchObject([
      {
        toolCalls: [
          {
            tool: 'handbook',
            output: {
              answer: 'Every employee has 25 days of paid leave per year [1].',
              sources: [{ n: 1, source: 'leave.md', documentId: 'leave.md' }],
            },
          },
        ],
      },
      {},
    ]);
    const chats = server.requests.slice(before).filter((r) => r.path.endsWith('/chat/completions'));
    expect(JSON.stringify(chats[0]?.body.tools)).toContain('the employee handbook');
    expect(JSON.stringify(chats[1]?.body.messages)).toContain('[1] (leave.md) Annual leave');
  });

  it("isolation: a retriever of another project finds nothing in this project's collection", async () => {
    server.reply({ text: 'I do not know.' });
    const wf = qaChain([node('Retriever', 'guixu.retrieverVectorStore', { topK: 3 }), store, embeddings], {
      ...wire('Retriever', 'ai_retriever', 'QA'),
      ...wire('Store', 'ai_vectorStore', 'Retriever'),
      ...wire('Embeddings', 'ai_embedding', 'Store'),
    });
    const other = await run(wf, [{ chatInput: 'paid leave days' }], `${PROJECT}-other`);
    expect(other.status).toBe('success');
    expect(other.runData.QA?.[0]?.data?.main[0]?.[0]?.json.sources).toEqual([]);
    expect(JSON.stringify(server.requests.at(-1)?.body.messages)).not.toContain('paid leave per year');
  });

  it('a retriever without its store, or a store in retrieve mode run on its own, is a clear error', async () => {
    const missing = await run(
      qaChain([node('Retriever', 'guixu.retrieverVectorStore')], wire('Retriever', 'ai_retriever', 'QA')),
      [{ chatInput: 'q' }],
    );
    expect(missing.runData.QA?.[0]?.error).toMatchObject({ code: 'AI_SUB_NODE_MISSING' });
    expect(missing.runData.QA?.[0]?.error?.message).toContain('Vector Store');
  });
});
