import {
  createEngine,
  type JsonObject,
  MemoryBinaryStore,
  systemClock,
  type Workflow,
  type WorkflowNode,
} from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverNodes } from '../../index.ts';
import { bagOfWords } from '../testing/bag-of-words.ts';
import { type ProviderServer, startProviderServer } from '../testing/provider-server.ts';
import { workflowNode } from '../testing/workflow-node.ts';

let server: ProviderServer;
const registry = await discoverNodes();
const COLLECTION = `handbook-${process.pid}-${Date.now()}`;

beforeAll(async () => {
  server = await startProviderServer({ embed: (t) => bagOfWords(t) });
});
afterAll(() => server.close());

const node = workflowNode;
const withKey = (n: WorkflowNode): WorkflowNode => ({
  ...n,
  credentials: { openAiCompatibleApi: { id: 'c', name: 'c' } },
});
const to = (target: string, type: string) => ({ [type]: [[{ node: target, type, index: 0 }]] });

function engine(project?: string) {
  return createEngine({
    registry,
    services: {
      binary: new MemoryBinaryStore(),
      clock: systemClock,
      ...(project ? { codeSandboxTenant: project } : {}),
    },
    credentials: { get: async () => ({ apiKey: 'k', baseUrl: server.baseUrl }) },
  });
}

async function run(wf: Workflow, items: JsonObject[], project?: string) {
  const e = engine(project);
  const state = e.start(wf, {
    executionId: `x-${wf.id}-${Math.random()}`,
    mode: 'manual',
    triggerItems: items.map((json) => ({ json })),
  });
  await e.run(wf, state);
  return state;
}

const embeddings = withKey(node('Embeddings', 'guixu.embeddingsOpenAiCompatible', { model: 'embed-test' }));

const ingest: Workflow = {
  id: 'rag-ingest',
  name: 'ingest',
  nodes: [
    node('Start', 'guixu.manualTrigger'),
    node('Store', 'guixu.vectorStoreSqlite', { mode: 'insert', collection: COLLECTION }),
    node('Loader', 'guixu.documentDefaultDataLoader', {
      text: '={{ $json.body }}',
      source: '={{ $json.title }}',
      metadata: [{ name: 'team', value: '={{ $json.team }}' }],
    }),
    node('Splitter', 'guixu.textSplitterRecursiveCharacter', { chunkSize: 70, chunkOverlap: 10 }),
    embeddings,
  ],
  connections: {
    Start: to('Store', 'main'),
    Loader: to('Store', 'ai_document'),
    Splitter: to('Loader', 'ai_textSplitter'),
    Embeddings: to('Store', 'ai_embedding'),
  },
  settings: {},
};

const DOCS = [
  {
    title: 'leave.md',
    team: 'hr',
    body: 'Annual leave: every employee has 25 days of paid leave per year.\n\nUnused leave days carry over until March.',
  },
  {
    title: 'expenses.md',
    team: 'finance',
    body: 'Expenses: submit receipts within 30 days.\n\nTravel expenses need approval from your manager before booking.',
  },
  {
    title: 'security.md',
    team: 'it',
    body: 'Security: lock your laptop screen and use the password manager for every account.',
  },
];

describe('RAG on the sqlite-vec vector store', () => {
  it('ingests, searches with filter and threshold, answers through an agent tool with citations, deletes', async () => {
    const inserted = await run(ingest, DOCS);
    expect(inserted.status).toBe('success');
    const summary = inserted.runData.Store?.[0]?.data?.main[0]?.[0]?.json;
    expect(summary).toMatchObject({ documents: ['leave.md', 'expenses.md', 'security.md'] });
    expect(Number(summary?.insertedChunks)).toBeGreaterThanOrEqual(5);

    const search = (parameters: Record<string, unknown>): Workflow => ({
      id: 'rag-search',
      name: 'search',
      nodes: [
        node('Start', 'guixu.manualTrigger'),
        node('Store', 'guixu.vectorStoreSqlite', { mode: 'load', collection: COLLECTION, ...parameters }),
        embeddings,
      ],
      connections: { Start: to('Store', 'main'), Embeddings: to('Store', 'ai_embedding') },
      settings: {},
    });
    const found = await run(search({ topK: 2 }), [{ chatInput: 'how many days of paid leave per year' }]);
    const hits = found.runData.Store?.[0]?.data?.main[0]?.map((i) => i.json) ?? [];
    expect(hits[0]).toMatchObject({
      documentId: 'leave.md',
      metadata: { source: 'leave.md', team: 'hr', chunk: 0, start: 0 },
    });
    expect(String(hits[0]?.text)).toContain('25 days of paid leave');
    expect(Number(hits[0]?.score)).toBeGreaterThan(Number(hits[1]?.score));
    const filtered = await run(search({ topK: 3, filter: { team: 'finance' } }), [
      { chatInput: 'paid leave days' },
    ]);
    expect(
      new Set(
        filtered.runData.Store?.[0]?.data?.main[0]?.map((i) => (i.json.metadata as { team: string }).team),
      ),
    ).toEqual(new Set(['finance']));
    const strict = await run(search({ topK: 3, minScore: 0.99 }), [{ chatInput: 'paid leave days' }]);
    expect(strict.runData.Store?.[0]?.data?.main[0]).toEqual([]);

    const rag: Workflow = {
      id: 'rag-agent',
      name: 'rag',
      nodes: [
        node('Start', 'guixu.manualTrigger'),
        node('Agent', 'guixu.agent', {
          systemMessage: 'Answer from the handbook and cite sources as [source].',
        }),
        withKey(node('Model', 'guixu.lmChatOpenAiCompatible', { model: 'gpt-test' })),
        node('Handbook', 'guixu.vectorStoreSqlite', {
          mode: 'retrieveAsTool',
          collection: COLLECTION,
          topK: 2,
          toolName: 'handbook',
        }),
        embeddings,
      ],
      connections: {
        Start: to('Agent', 'main'),
        Model: to('Agent', 'ai_languageModel'),
        Handbook: to('Agent', 'ai_tool'),
        Embeddings: to('Handbook', 'ai_embedding'),
      },
      settings: {},
    };
    server.reply(
      { toolCalls: [{ name: 'handbook', arguments: '{"query":"travel expenses approval"}' }] },
      { text: 'Travel needs your manager’s approval before booking [expenses.md].' },
    );
    const answered = await run(rag, [{ chatInput: 'Do I need approval for travel?' }]);
    const out = answered.runData.Agent?.[0]?.data?.main[0]?.[0]?.json;
    expect(out?.output).toContain('[expenses.md]');
    expect(out?.steps).toMatchObject([
      { toolCalls: [{ tool: 'handbook', output: [{ documentId: 'expenses.md' }, {}] }] },
      {},
    ]);
    const toolMessage = JSON.stringify(server.requests.at(-1)?.body.messages);
    expect(toolMessage).toContain('Travel expenses need approval');

    const removal: Workflow = {
      id: 'rag-delete',
      name: 'delete',
      nodes: [
        node('Start', 'guixu.manualTrigger'),
        node('Store', 'guixu.vectorStoreSqlite', {
          mode: 'delete',
          collection: COLLECTION,
          documentId: '={{ $json.id }}',
        }),
      ],
      connections: { Start: to('Store', 'main') },
      settings: {},
    };
    const deleted = await run(removal, [{ id: 'expenses.md' }]);
    expect(deleted.runData.Store?.[0]?.data?.main[0]?.[0]?.json).toMatchObject({
      documents: ['expenses.md'],
    });
    const after = await run(search({ topK: 5 }), [{ chatInput: 'travel expenses approval' }]);
    expect(after.runData.Store?.[0]?.data?.main[0]?.map((i) => i.json.documentId)).not.toContain(
      'expenses.md',
    );
  });

  it('isolation: in the process store a collection of one project is invisible to another project', async () => {
    const search: Workflow = {
      id: 'rag-search-projects',
      name: 'search',
      nodes: [
        node('Start', 'guixu.manualTrigger'),
        node('Store', 'guixu.vectorStoreSqlite', { mode: 'load', collection: 'shared-name', topK: 5 }),
        embeddings,
      ],
      connections: { Start: to('Store', 'main'), Embeddings: to('Store', 'ai_embedding') },
      settings: {},
    };
    const insert: Workflow = {
      ...ingest,
      id: 'rag-ingest-projects',
      nodes: ingest.nodes.map((n) =>
        n.name === 'Store' ? { ...n, parameters: { mode: 'insert', collection: 'shared-name' } } : n,
      ),
    };
    expect((await run(insert, DOCS.slice(0, 1), 'p-one')).status).toBe('success');
    const own = await run(search, [{ chatInput: 'paid leave' }], 'p-one');
    expect(own.runData.Store?.[0]?.data?.main[0]?.map((i) => i.json.documentId)).toContain('leave.md');
    const other = await run(search, [{ chatInput: 'paid leave' }], 'p-two');
    expect(other.status).toBe('success');
    expect(other.runData.Store?.[0]?.data?.main[0]).toEqual([]);
  });
});
