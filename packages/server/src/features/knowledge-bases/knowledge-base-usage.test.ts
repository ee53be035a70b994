import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bagOfWords } from '../../../../nodes/src/ai/testing/bag-of-words.ts';
import {
  type ProviderServer,
  startProviderServer,
} from '../../../../nodes/src/ai/testing/provider-server.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';

/** The server's own embedding calls (indexing, search test, runs' searches) are AI usage under the budget. */
let provider: ProviderServer;
beforeAll(async () => {
  provider = await startProviderServer({ embed: (text) => bagOfWords(text) });
});
afterAll(() => provider.close());

const HANDBOOK = 'Paid leave is twenty five days per year.\n\nTravel expenses need approval before booking.';

interface Group {
  key: string;
  calls: number;
  inputTokens: number;
  cost: Record<string, number>;
}

describe.each(BACKENDS)('knowledge-base embedding usage on %s', (kind) => {
  let t: TestApp;
  let baseId: string;
  let projectId: string;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
  const byNode = async (): Promise<Map<string, Group>> => {
    const report = await call('GET', `/api/v1/ai/usage?projectId=${projectId}&groupBy=node`);
    expect(report.statusCode).toBe(200);
    return new Map((report.json().data as Group[]).map((g) => [g.key, g]));
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const credential = await call('POST', '/api/v1/credentials', {
      name: 'Local embeddings',
      type: 'openAiCompatibleApi',
      data: { baseUrl: provider.baseUrl, apiKey: 'k', preset: 'custom' },
    });
    expect(credential.statusCode).toBe(201);
    const base = await call('POST', '/api/v1/knowledge-bases', {
      name: 'Metered',
      chunking: { splitter: 'recursive', chunkSize: 60, chunkOverlap: 0 },
      embedding: { credentialId: credential.json().id, model: 'embed-test' },
    });
    expect(base.statusCode).toBe(201);
    baseId = base.json().id;
    projectId = base.json().projectId;
    const price = await call('POST', '/api/v1/ai/prices', {
      projectId,
      model: 'embed-test',
      inputPerMillion: 1000,
      outputPerMillion: 0,
      currency: 'USD',
    });
    expect(price.statusCode).toBe(201);
  }, 60_000);
  afterAll(async () => t?.dispose());

  it('indexing and the search test are recorded per project and model, priced, with no workflow or execution', async () => {
    const uploaded = await call('POST', `/api/v1/knowledge-bases/${baseId}/documents`, {
      files: [{ name: 'handbook.md', text: HANDBOOK }],
    });
    expect(uploaded.statusCode).toBe(201);
    const indexed = (await byNode()).get('Knowledge base "Metered"');
    expect(indexed?.calls).toBe(1);
    expect(indexed?.inputTokens).toBeGreaterThan(0);
    expect(indexed?.cost.USD).toBeCloseTo(((indexed?.inputTokens ?? 0) * 1000) / 1e6, 8);

    const search = await call('POST', `/api/v1/knowledge-bases/${baseId}/search`, {
      query: 'paid leave',
      k: 1,
    });
    expect(search.statusCode).toBe(200);
    expect((await byNode()).get('Knowledge base "Metered"')?.calls).toBe(2);
    const byModel = await call('GET', `/api/v1/ai/usage?projectId=${projectId}&groupBy=model`);
    expect(byModel.json().data).toEqual([
      expect.objectContaining({ key: expect.stringMatching(/embed-test$/), calls: 2 }),
    ]);
    const rows = await t.ctx.database.db
      .selectFrom('llm_usage')
      .select(['workflow_id', 'execution_id'])
      .where('project_id', '=', projectId)
      .execute();
    expect(rows.every((r) => r.workflow_id === null && r.execution_id === null)).toBe(true);
  });

  it("a run's knowledge-base search is the run's usage, under the searching node and execution", async () => {
    const workflow = await call('POST', '/api/v1/workflows', {
      name: 'kb usage',
      nodes: [
        {
          id: 'a',
          name: 'Start',
          type: 'guixu.manualTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
        {
          id: 'b',
          name: 'Search KB',
          type: 'guixu.vectorStoreSqlite',
          typeVersion: 1,
          position: [200, 0],
          parameters: {
            mode: 'load',
            source: 'knowledgeBase',
            knowledgeBaseId: baseId,
            prompt: 'travel',
            topK: 1,
          },
        },
      ],
      connections: { Start: { main: [[{ node: 'Search KB', type: 'main', index: 0 }]] } },
    });
    expect(workflow.statusCode).toBe(201);
    const run = await call('POST', `/api/v1/workflows/${workflow.json().id}/run`, { input: {}, wait: true });
    expect(run.json()).toMatchObject({ status: 'success' });
    expect((await byNode()).get('Search KB')?.calls).toBe(1);
    const rows = await t.ctx.database.db
      .selectFrom('llm_usage')
      .select(['workflow_id', 'execution_id'])
      .where('node', '=', 'Search KB')
      .execute();
    expect(rows).toEqual([{ workflow_id: workflow.json().id, execution_id: expect.any(String) }]);
    const perExecution = await call('GET', `/api/v1/executions/${rows[0]?.execution_id}/ai-usage`);
    expect(perExecution.json().calls).toEqual([
      expect.objectContaining({ node: 'Search KB', model: 'embed-test' }),
    ]);
  });

  it('a Question and Answer Chain answers from the base through a retriever; another project cannot name the base', async () => {
    const credential = await call('POST', '/api/v1/credentials', {
      name: 'Local model',
      type: 'openAiCompatibleApi',
      data: { baseUrl: provider.baseUrl, apiKey: 'k', preset: 'custom' },
    });
    const node = (name: string, type: string, parameters: object, credentials?: object) => ({
      id: name,
      name,
      type,
      typeVersion: 1,
      position: [0, 0],
      parameters,
      ...(credentials ? { credentials } : {}),
    });
    const qa = (projectIdOf?: string, credentialId = credential.json().id) => ({
      name: `kb qa ${projectIdOf ?? 'own'}`,
      ...(projectIdOf ? { projectId: projectIdOf } : {}),
      nodes: [
        node('Start', 'guixu.manualTrigger', {}),
        node('QA', 'guixu.chainRetrievalQa', { query: 'travel approval' }),
        node(
          'Model',
          'guixu.lmChatOpenAiCompatible',
          { model: 'gpt-test' },
          {
            openAiCompatibleApi: { id: credentialId, name: 'Local model' },
          },
        ),
        node('Retriever', 'guixu.retrieverVectorStore', { topK: 1 }),
        node('Base', 'guixu.vectorStoreSqlite', {
          mode: 'retrieve',
          source: 'knowledgeBase',
          knowledgeBaseId: baseId,
        }),
      ],
      connections: {
        Start: { main: [[{ node: 'QA', type: 'main', index: 0 }]] },
        Model: { ai_languageModel: [[{ node: 'QA', type: 'ai_languageModel', index: 0 }]] },
        Retriever: { ai_retriever: [[{ node: 'QA', type: 'ai_retriever', index: 0 }]] },
        Base: { ai_vectorStore: [[{ node: 'Retriever', type: 'ai_vectorStore', index: 0 }]] },
      },
    });
    const own = await call('POST', '/api/v1/workflows', qa());
    expect(own.statusCode).toBe(201);
    provider.reply({ text: 'A manager approves travel before booking [1].' });
    const answered = await call('POST', `/api/v1/workflows/${own.json().id}/run`, { input: {}, wait: true });
    expect(answered.json()).toMatchObject({ status: 'success' });
    expect(answered.json().items[0].json).toMatchObject({
      response: 'A manager approves travel before booking [1].',
      sources: [{ n: 1, source: 'handbook.md' }],
    });
    expect((await byNode()).get('Base')?.calls).toBe(1);

    const project = await call('POST', '/api/v1/projects', { name: `Elsewhere ${kind}` });
    expect(project.statusCode).toBe(201);
    // Its own model credential: the run gets as far as the knowledge base.
    const foreignCredential = await call('POST', '/api/v1/credentials', {
      name: 'Local model',
      type: 'openAiCompatibleApi',
      projectId: project.json().id,
      data: { baseUrl: provider.baseUrl, apiKey: 'k', preset: 'custom' },
    });
    expect(foreignCredential.statusCode).toBe(201);
    const foreign = await call(
      'POST',
      '/api/v1/workflows',
      qa(project.json().id, foreignCredential.json().id),
    );
    expect(foreign.statusCode).toBe(201);
    const refused = await call('POST', `/api/v1/workflows/${foreign.json().id}/run`, {
      input: {},
      wait: true,
    });
    expect(refused.json()).toMatchObject({ status: 'error', error: { code: 'KNOWLEDGE_BASE_NOT_FOUND' } });
  });

  it('the monthly budget stops indexing and searching once spent (no embedding call made)', async () => {
    const budget = await call('PUT', `/api/v1/projects/${projectId}/ai-budget`, {
      monthlyLimit: 0.000001,
      currency: 'USD',
    });
    expect(budget.statusCode).toBe(200);
    const embeddingsBefore = provider.requests.filter((r) => r.path.endsWith('/embeddings')).length;
    const uploaded = await call('POST', `/api/v1/knowledge-bases/${baseId}/documents`, {
      files: [{ name: 'more.md', text: 'Security: lock your screen.' }],
    });
    expect(uploaded.statusCode).toBe(201);
    const more = (uploaded.json().data as { name: string; status: string; error?: { code: string } }[]).find(
      (d) => d.name === 'more.md',
    );
    expect(more).toMatchObject({ status: 'failed', error: { code: 'AI_BUDGET_EXCEEDED' } });
    const search = await call('POST', `/api/v1/knowledge-bases/${baseId}/search`, { query: 'leave', k: 1 });
    expect(search.statusCode).toBe(402);
    expect(search.json()).toMatchObject({ code: 'AI_BUDGET_EXCEEDED' });
    expect(provider.requests.filter((r) => r.path.endsWith('/embeddings')).length).toBe(embeddingsBefore);
    await call('PUT', `/api/v1/projects/${projectId}/ai-budget`, { monthlyLimit: null, currency: 'USD' });
  });
});
