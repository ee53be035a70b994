import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ProviderServer, startProviderServer } from '../../../nodes/src/ai/testing/provider-server.ts';
import { aiWorkflow, MODEL_KEY } from '../testing/ai-test-kit.ts';
import { Api, Cluster, type ClusterProcess } from './chaos/cluster.ts';

/** Server-sent events as they arrive, in order. */
async function readEvents(response: Response): Promise<{ event: string; data: Record<string, unknown> }[]> {
  if (!response.body) throw new Error('no body');
  const got: { event: string; data: Record<string, unknown> }[] = [];
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? '{}';
      got.push({ event, data: z.record(z.string(), z.unknown()).parse(JSON.parse(data)) });
      end = buffer.indexOf('\n\n');
    }
  }
  return got;
}

/**
 * The hosted chat (and the editor's chat panel, which talks to the same
 * endpoint) in queue mode: the agent runs on a worker process, the chat's
 * HTTP request is held by a main process; the streamed parts cross over Redis.
 */
describe('queue mode: a chat streams from a worker process', () => {
  const cluster = new Cluster();
  let provider: ProviderServer;
  let main: ClusterProcess;
  let api: Api;

  beforeAll(async () => {
    provider = await startProviderServer({ apiKey: MODEL_KEY, models: ['gpt-test'] });
    await cluster.init();
    main = await cluster.spawn('main');
    await cluster.spawn('worker');
    api = await Api.owner(main.url);
  }, 180_000);
  afterAll(async () => {
    await cluster.dispose();
    await provider?.close();
  }, 120_000);

  it('relays the answer part by part to the main holding the chat', async () => {
    const credential = await api.call('POST', '/api/v1/credentials', {
      name: 'Local model',
      type: 'openAiApi',
      data: { apiKey: MODEL_KEY, baseUrl: provider.baseUrl },
    });
    expect(credential.status).toBe(201);
    const credentialId = z.object({ id: z.string() }).parse(credential.body).id;
    const workflowId = await api.workflow(
      aiWorkflow({
        name: 'Streams from a worker',
        credentialId,
        trigger: { name: 'Chat', type: 'guixu.chatTrigger', parameters: { public: true } },
      }),
      true,
    );
    const answer = 'Forty-two, streamed from a worker.';
    provider.reply({ text: answer });
    const response = await fetch(`${main.url}/chat/${workflowId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ sessionId: 'visitor', chatInput: 'What is the answer?' }),
    });
    expect(response.status).toBe(200);
    const got = await readEvents(response);
    expect(got[0]?.event).toBe('start');
    expect(got.at(-1)).toMatchObject({ event: 'done', data: { answer } });
    const deltas = got.filter((e) => e.event === 'delta').map((e) => String(e.data.text));
    // The provider streams four characters a chunk: each reached the chat as its own part.
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(answer);
    // Every part came before the end of the answer.
    expect(got.findIndex((e) => e.event === 'done')).toBe(got.length - 1);
    // The worker ran it, not the main.
    const executionId = String(got[0]?.data.executionId);
    const row = await cluster.database.db
      .selectFrom('executions')
      .select(['status', 'mode'])
      .where('id', '=', executionId)
      .executeTakeFirst();
    expect(row).toEqual({ status: 'success', mode: 'chat' });
  }, 120_000);
});
