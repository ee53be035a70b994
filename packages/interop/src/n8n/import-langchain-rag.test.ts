import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bagOfWords } from '../../../nodes/src/ai/testing/bag-of-words.ts';
import { type ProviderServer, startProviderServer } from '../../../nodes/src/ai/testing/provider-server.ts';
import { importN8n } from './import-n8n.ts';

const registry = await builtinNodes();
let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer({
    models: ['gpt-4o-mini', 'text-embedding-ada-002'],
    embed: (text) => bagOfWords(text),
  });
});
afterAll(() => server.close());

describe('an imported n8n RAG workflow (in-memory store, loader, token splitter, embeddings, agent tool) runs', () => {
  it('imports with no placeholder, stores the page and answers from it', async () => {
    const file = await readFile(
      join(import.meta.dirname, '../../test/fixtures/n8n/rag-in-memory.json'),
      'utf8',
    );
    const { workflow, report } = importN8n(file, { registry, fileName: 'rag-in-memory.json' });
    expect(report.validation.errors).toEqual([]);
    expect(report.summary).toMatchObject({ nodes: 9, placeholders: 0 });
    const engine = createEngine({
      registry,
      services: {
        binary: new MemoryBinaryStore(),
        clock: systemClock,
        codeSandboxTenant: `rag-${process.pid}`,
      },
      credentials: { get: async () => ({ apiKey: 'k', baseUrl: server.baseUrl }) },
    });
    server.reply(
      { toolCalls: [{ name: 'handbook', arguments: '{"query":"approval before booking travel"}' }] },
      { text: 'Yes, your manager must approve it first (expenses.md).' },
    );
    const state = engine.start(workflow, {
      executionId: 'n8n-rag',
      mode: 'manual',
      triggerItems: [{ json: {} }],
    });
    await engine.run(workflow, state);
    expect(state.status).toBe('success');
    const answer = state.runData.Agent?.[0]?.data?.main[0]?.[0]?.json;
    expect(answer?.output).toContain('expenses.md');
    expect(answer?.steps).toMatchObject([
      {
        toolCalls: [
          {
            tool: 'handbook',
            output: [
              expect.objectContaining({ metadata: expect.objectContaining({ title: 'expenses.md' }) }),
            ],
          },
        ],
      },
      {},
    ]);
  });
});
