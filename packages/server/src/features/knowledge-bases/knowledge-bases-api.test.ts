import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { knowledgeBaseSchema, knowledgeDocumentSchema, knowledgeProgressSchema } from '@guixu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bagOfWords } from '../../../../nodes/src/ai/testing/bag-of-words.ts';
import {
  type ProviderServer,
  startProviderServer,
} from '../../../../nodes/src/ai/testing/provider-server.ts';
import { tinyPdf } from '../../../../nodes/src/ai/testing/tiny-pdf.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';

const HANDBOOK = [
  '# Leave',
  '',
  'Paid leave is twenty five days per year. Unused leave carries over until March.',
  '',
  '# Travel',
  '',
  'Travel expenses need approval from a manager before booking.',
].join('\n');
const SECURITY_HTML =
  '<html><body><h1>Security</h1><p>Laptops must use disk encryption and a screen lock.</p><script>x()</script></body></html>';

const documentList = z.object({ data: z.array(knowledgeDocumentSchema) });
const hitList = z.object({
  data: z.array(
    z.object({
      documentId: z.string(),
      source: z.string(),
      text: z.string(),
      start: z.number(),
      end: z.number(),
    }),
  ),
});

function sseEvents(body: string): { event: string; data: unknown }[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)?.[1] ?? '';
      const data = /^data: (.+)$/m.exec(block)?.[1] ?? 'null';
      return { event, data: JSON.parse(data) };
    });
}

let provider: ProviderServer;
beforeAll(async () => {
  provider = await startProviderServer({
    models: ['qwen2.5:7b', 'embed-test'],
    embed: (text) => bagOfWords(text),
  });
});
afterAll(() => provider.close());

describe.each(BACKENDS)('knowledge bases on %s', (kind) => {
  let t: TestApp;
  let credentialId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const credential = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      payload: {
        name: 'Local embeddings',
        type: 'openAiCompatibleApi',
        data: { baseUrl: provider.baseUrl, apiKey: 'k', preset: 'custom' },
      },
    });
    expect(credential.statusCode).toBe(201);
    credentialId = credential.json().id;
  });
  afterAll(async () => t.dispose());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });

  async function createBase(name: string) {
    const created = await call('POST', '/api/v1/knowledge-bases', {
      name,
      chunking: { splitter: 'markdown', chunkSize: 120, chunkOverlap: 0 },
      embedding: { credentialId, model: 'embed-test' },
    });
    expect(created.statusCode).toBe(201);
    return knowledgeBaseSchema.parse(created.json());
  }

  it('uploads documents, splits and embeds them, searches with citations, re-indexes and deletes', async () => {
    const base = await createBase('Handbook');
    expect(base.storage).toBe(kind === 'sqlite' ? 'sqlite-vec' : 'postgres-exact');

    const uploaded = await call('POST', `/api/v1/knowledge-bases/${base.id}/documents`, {
      files: [
        { name: 'handbook.md', text: HANDBOOK },
        { name: 'security.html', base64: Buffer.from(SECURITY_HTML).toString('base64') },
        { name: 'scan.pdf', base64: Buffer.from('%PDF-1.4 not really').toString('base64') },
        {
          name: 'remote.pdf',
          base64: Buffer.from(tinyPdf(['Remote work is allowed two days per week.'])).toString('base64'),
        },
      ],
    });
    expect(uploaded.statusCode).toBe(201);
    const documents = documentList.parse(uploaded.json()).data;
    const byName = new Map(documents.map((d) => [d.name, d]));
    expect(documents.map((d) => [d.name, d.status]).sort()).toEqual([
      ['handbook.md', 'ready'],
      ['remote.pdf', 'ready'],
      ['scan.pdf', 'failed'],
      ['security.html', 'ready'],
    ]);
    expect(byName.get('handbook.md')?.chunkCount).toBeGreaterThanOrEqual(2);
    expect(byName.get('scan.pdf')?.error?.code).toMatch(/^AI_DOCUMENT_/);

    const search = await call('POST', `/api/v1/knowledge-bases/${base.id}/search`, {
      query: 'how many paid leave days',
      k: 2,
    });
    expect(search.statusCode).toBe(200);
    const hits = hitList.parse(search.json()).data;
    const top = hits[0];
    expect(top?.source).toBe('handbook.md');
    expect(top?.text).toContain('Paid leave is twenty five days');
    // Positions point into the document's text: the citation can be checked.
    expect(HANDBOOK.slice(top?.start, top?.end)).toBe(top?.text);

    const html = hitList.parse(
      (
        await call('POST', `/api/v1/knowledge-bases/${base.id}/search`, {
          query: 'disk encryption laptops',
          k: 1,
        })
      ).json(),
    ).data;
    expect(html[0]).toMatchObject({ source: 'security.html' });
    expect(html[0]?.text).not.toContain('<');
    const pdf = hitList.parse(
      (
        await call('POST', `/api/v1/knowledge-bases/${base.id}/search`, { query: 'remote work days', k: 1 })
      ).json(),
    ).data;
    expect(pdf[0]).toMatchObject({ source: 'remote.pdf', text: 'Remote work is allowed two days per week.' });

    const listed = knowledgeBaseSchema.parse(
      (await call('GET', `/api/v1/knowledge-bases/${base.id}`)).json(),
    );
    expect(listed.documentCount).toBe(4);

    // Re-index with one chunk per document.
    await call('PATCH', `/api/v1/knowledge-bases/${base.id}`, {
      chunking: { splitter: 'recursive', chunkSize: 5000, chunkOverlap: 0 },
    });
    const reindexed = documentList.parse(
      (await call('POST', `/api/v1/knowledge-bases/${base.id}/reindex`)).json(),
    );
    expect(reindexed.data.find((d) => d.name === 'handbook.md')?.chunkCount).toBe(1);

    const handbook = byName.get('handbook.md')?.id ?? '';
    expect(
      (await call('DELETE', `/api/v1/knowledge-bases/${base.id}/documents/${handbook}`)).statusCode,
    ).toBe(204);
    const after = hitList.parse(
      (await call('POST', `/api/v1/knowledge-bases/${base.id}/search`, { query: 'paid leave', k: 5 })).json(),
    ).data;
    expect(after.map((h) => h.source).sort()).toEqual(['remote.pdf', 'security.html']);

    expect((await call('DELETE', `/api/v1/knowledge-bases/${base.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/knowledge-bases/${base.id}`)).statusCode).toBe(404);
  });

  it('streams progress events while indexing', async () => {
    const base = await createBase('Streamed');
    const response = await call('POST', `/api/v1/knowledge-bases/${base.id}/documents/stream`, {
      files: [{ name: 'handbook.md', text: HANDBOOK }],
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    const events = sseEvents(response.body);
    const progress = events
      .filter((e) => e.event === 'progress')
      .map((e) => knowledgeProgressSchema.parse(e.data));
    expect(progress.map((p) => p.stage)).toEqual(expect.arrayContaining(['split', 'embed', 'store']));
    const last = progress.at(-1);
    expect(last).toMatchObject({ status: 'ready', name: 'handbook.md' });
    expect(last?.chunksDone).toBe(last?.chunksTotal);
    expect(events.map((e) => e.event).slice(-2)).toEqual(['done', 'result']);
  });

  it('refuses an embedding credential the project cannot use and unknown bases', async () => {
    const bad = await call('POST', '/api/v1/knowledge-bases', {
      name: 'No credential',
      embedding: { credentialId: 'missing', model: 'embed-test' },
    });
    expect(bad.statusCode).toBe(404);
    expect(bad.json()).toMatchObject({ code: 'CREDENTIAL_NOT_FOUND' });
    expect((await call('POST', '/api/v1/knowledge-bases/missing/search', { query: 'x' })).statusCode).toBe(
      404,
    );
  });

  it('a workflow searches a knowledge base of its project through the Vector Store node', async () => {
    const base = await createBase('For runs');
    await call('POST', `/api/v1/knowledge-bases/${base.id}/documents`, {
      files: [{ name: 'handbook.md', text: HANDBOOK }],
    });
    const workflow = await call('POST', '/api/v1/workflows', {
      name: 'kb search',
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
          name: 'Search',
          type: 'guixu.vectorStoreSqlite',
          typeVersion: 1,
          position: [200, 0],
          parameters: {
            mode: 'load',
            source: 'knowledgeBase',
            knowledgeBaseId: base.id,
            prompt: '={{ $json.question }}',
            topK: 1,
          },
        },
      ],
      connections: { Start: { main: [[{ node: 'Search', type: 'main', index: 0 }]] } },
    });
    expect(workflow.statusCode).toBe(201);
    const run = await call('POST', `/api/v1/workflows/${workflow.json().id}/run`, {
      input: { question: 'travel expenses approval' },
      wait: true,
    });
    expect(run.json()).toMatchObject({ status: 'success' });
    expect(run.json().items[0].json).toMatchObject({ metadata: { source: 'handbook.md' } });
    expect(run.json().items[0].json.text).toContain('Travel expenses');

    // Another project's run finds nothing by that id.
    const service = t.ctx.services.get('knowledgeBases');
    await expect(
      service.searchForRun(
        { projectId: 'another-project', workflowId: null, executionId: 'x' },
        { knowledgeBaseId: base.id, query: 'travel', k: 1 },
      ),
    ).rejects.toMatchObject({ code: 'KNOWLEDGE_BASE_NOT_FOUND' });
  });

  it('examples/ai-rag-knowledge-base.json answers from a knowledge base and cites the chunk', async () => {
    const base = await createBase('Example');
    await call('POST', `/api/v1/knowledge-bases/${base.id}/documents`, {
      files: [{ name: 'handbook.md', text: HANDBOOK }],
    });
    const model = await call('POST', '/api/v1/credentials', {
      name: 'Local model',
      type: 'openAiCompatibleApi',
      data: { baseUrl: provider.baseUrl, preset: 'ollama' },
    });
    expect(model.statusCode).toBe(201);
    const example = JSON.parse(
      await readFile(join(import.meta.dirname, '../../../../../examples/ai-rag-knowledge-base.json'), 'utf8'),
    );
    const workflow = await call('POST', '/api/v1/workflows', example);
    expect(workflow.statusCode).toBe(201);
    provider.reply(
      { toolCalls: [{ name: 'knowledge_base', arguments: '{"query":"approval before booking travel"}' }] },
      { text: 'Yes: travel expenses need approval from a manager before booking [handbook.md#1].' },
    );
    const run = await call('POST', `/api/v1/workflows/${workflow.json().id}/run`, {
      input: { question: 'Do I need approval before booking travel?', knowledgeBaseId: base.id },
      wait: true,
    });
    expect(run.json()).toMatchObject({ status: 'success' });
    const answer = run.json().items[0].json;
    expect(answer.output).toContain('[handbook.md#1]');
    const passages = answer.steps[0].toolCalls[0].output;
    expect(passages[0]).toMatchObject({ metadata: { source: 'handbook.md', chunk: 1 } });
    expect(passages[0].text).toContain('Travel expenses need approval');
    // The passages went back to the model, which cites what it was given.
    expect(JSON.stringify(provider.requests.at(-1)?.body.messages)).toContain('handbook.md');
  });
});
