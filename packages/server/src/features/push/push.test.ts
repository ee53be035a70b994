import { executionStartedSchema } from '@guixu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { manualSetWorkflow } from '../../runner/test-workflows.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';

interface Received {
  socket: WebSocket;
  messages: Record<string, unknown>[];
  next(predicate: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

async function connect(url: string, headers: Record<string, string> = {}): Promise<Received> {
  const socket = new WebSocket(url, { headers });
  const messages: Record<string, unknown>[] = [];
  const waiters: {
    predicate: (m: Record<string, unknown>) => boolean;
    resolve: (m: Record<string, unknown>) => void;
  }[] = [];
  socket.on('message', (data: Buffer) => {
    const message: Record<string, unknown> = JSON.parse(data.toString('utf8'));
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    messages,
    next(predicate) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
}

describe.each(BACKENDS)('push over WebSocket on %s', (kind) => {
  let t: TestApp;
  let base: string;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('not listening');
    base = `ws://127.0.0.1:${address.port}/api/v1/push`;
    if (!t.owner) throw new Error('the test app signs in as its owner');
    headers = t.owner.headers;
  });
  afterAll(async () => t.dispose());

  async function createWorkflow(name: string): Promise<string> {
    const w = manualSetWorkflow(name);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      payload: { name, nodes: w.nodes, connections: w.connections },
    });
    return JSON.parse(response.body).id;
  }

  it('sends the events of subscribed workflows and executions, and only those', async () => {
    const watched = await createWorkflow('Watched');
    const other = await createWorkflow('Other');
    const byWorkflow = await connect(`${base}?workflowId=${watched}`, headers);
    await byWorkflow.next((m) => m.type === 'subscriptions');
    const bystander = await connect(`${base}?workflowId=${other}`, headers);
    await bystander.next((m) => m.type === 'subscriptions');

    const run = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${watched}/run`,
      payload: { wait: true, input: { name: 'Ada' } },
    });
    const { executionId } = executionStartedSchema.parse(JSON.parse(run.body));
    await byWorkflow.next((m) => m.type === 'executionFinished');
    const events = byWorkflow.messages.filter((m) => m.executionId === executionId);
    expect(events.map((m) => [m.type, m.node ?? null])).toEqual([
      ['executionStarted', null],
      ['nodeStarted', 'Start'],
      ['nodeFinished', 'Start'],
      ['nodeStarted', 'Set'],
      ['nodeFinished', 'Set'],
      ['executionFinished', null],
    ]);
    const setFinished = events.find((m) => m.type === 'nodeFinished' && m.node === 'Set');
    expect(setFinished).toMatchObject({
      workflowId: watched,
      status: 'success',
      itemCounts: [1],
      sample: JSON.stringify({ name: 'Ada', greeting: 'Hello Ada' }),
    });
    expect(events.at(-1)).toMatchObject({ status: 'success' });
    expect(bystander.messages.filter((m) => m.type !== 'subscriptions')).toEqual([]);

    // Subscribing to one execution by message: events of other runs of the workflow stay away.
    const byExecution = await connect(base, headers);
    await byExecution.next((m) => m.type === 'subscriptions');
    byExecution.socket.send(JSON.stringify({ type: 'subscribe', executionId: 'not-this-one' }));
    await byExecution.next(
      (m) => m.type === 'subscriptions' && Array.isArray(m.executionIds) && m.executionIds.length === 1,
    );
    await t.app.inject({ method: 'POST', url: `/api/v1/workflows/${watched}/run`, payload: { wait: true } });
    await byWorkflow.next((m) => m.type === 'executionFinished' && m.executionId !== executionId);
    expect(byExecution.messages.filter((m) => m.type !== 'subscriptions')).toEqual([]);

    byExecution.socket.send('not json');
    expect(await byExecution.next((m) => m.type === 'error')).toMatchObject({ code: 'PUSH_MESSAGE_INVALID' });
    for (const client of [byWorkflow, bystander, byExecution]) client.socket.close();
  });

  it('refuses callers who are not signed in, and ids they cannot see', async () => {
    const anonymous = new WebSocket(base);
    const status = await new Promise<number>((resolve) => {
      anonymous.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      anonymous.once('open', () => resolve(101));
    });
    expect(status).toBe(401);
    const client = await connect(`${base}?workflowId=no-such-workflow`, headers);
    expect(await client.next((m) => m.type === 'error')).toMatchObject({ code: 'PUSH_NOT_FOUND' });
    client.socket.close();
  });

  it('refuses a malformed subscription query', async () => {
    const client = await connect(`${base}?workflowId=${'x'.repeat(100)}`, headers);
    expect(await client.next((m) => m.type === 'error')).toMatchObject({ code: 'PUSH_QUERY_INVALID' });
    await new Promise<void>((resolve) => client.socket.once('close', () => resolve()));
  });
});
