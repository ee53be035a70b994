import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createEngine, MemoryBinaryStore, systemClock, workflowSchema } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverNodes } from '../index.ts';
import { bagOfWords } from './testing/bag-of-words.ts';
import { type ProviderServer, startProviderServer } from './testing/provider-server.ts';

const examples = join(import.meta.dirname, '../../../../examples');
let server: ProviderServer;
const registry = await discoverNodes();

beforeAll(async () => {
  server = await startProviderServer({ models: ['qwen2.5:7b', 'bge-m3'], embed: (t) => bagOfWords(t) });
});
afterAll(() => server.close());

async function runExample(file: string, items: Record<string, string>[] = [{}]) {
  const workflow = workflowSchema.parse(JSON.parse(await readFile(join(examples, file), 'utf8')));
  const engine = createEngine({
    registry,
    services: { binary: new MemoryBinaryStore(), clock: systemClock },
    credentials: {
      get: async ({ ref, type }) => {
        expect([ref.name, type]).toEqual(['Local model', 'openAiCompatibleApi']);
        return { preset: 'ollama', baseUrl: server.baseUrl };
      },
    },
  });
  const state = engine.start(workflow, {
    executionId: file,
    mode: 'cli',
    triggerItems: items.map((json) => ({ json })),
  });
  await engine.run(workflow, state);
  return state;
}

describe('AI examples run against a local OpenAI-compatible server', () => {
  it('ai-rag-handbook.json: ingests the pages and answers with the source the search found', async () => {
    server.reply(
      { toolCalls: [{ name: 'handbook', arguments: '{"query":"approval before booking travel"}' }] },
      { text: 'Yes: travel expenses need your manager’s approval before booking [expenses.md].' },
    );
    const state = await runExample('ai-rag-handbook.json');
    expect(state.status).toBe('success');
    const answer = state.runData.Answer?.[0]?.data?.main[0]?.[0]?.json;
    expect(answer?.output).toContain('[expenses.md]');
    expect(answer?.steps).toMatchObject([
      {
        toolCalls: [
          {
            tool: 'handbook',
            output: expect.arrayContaining([expect.objectContaining({ documentId: 'expenses.md' })]),
          },
        ],
      },
      {},
    ]);
    const firstHit = JSON.stringify(answer?.steps).match(/"documentId":"([^"]+)"/)?.[1];
    expect(firstHit).toBe('expenses.md');
    expect(JSON.stringify(server.requests.at(-1)?.body.messages)).toContain('approval from your manager');
  });

  it('ai-rag-qa-chain.json: the Question and Answer Chain answers from the retrieved pages and cites them', async () => {
    server.reply({ text: 'Yes: your manager must approve travel expenses before booking [1].' });
    const state = await runExample('ai-rag-qa-chain.json');
    expect(state.status).toBe('success');
    const answer = state.runData.Answer?.[0]?.data?.main[0]?.[0]?.json;
    expect(answer?.response).toContain('[1]');
    expect((answer?.sources as { source: string }[] | undefined)?.[0]).toMatchObject({
      n: 1,
      source: 'expenses.md',
    });
    expect(JSON.stringify(server.requests.at(-1)?.body.messages)).toContain(
      '[1] (expenses.md) Expenses: submit receipts',
    );
  });

  it('ai-agent-ollama.json: the agent uses the calculator', async () => {
    server.reply(
      { toolCalls: [{ name: 'calculator', arguments: '{"expression":"17 * 23"}' }] },
      { text: '391' },
    );
    const state = await runExample('ai-agent-ollama.json', [
      { sessionId: 'me', chatInput: 'What is 17 * 23?' },
    ]);
    const out = state.runData.Agent?.[0]?.data?.main[0]?.[0]?.json;
    expect(out?.output).toBe('391');
    expect(out?.steps).toMatchObject([{ toolCalls: [{ output: 391 }] }, {}]);
  });
});
