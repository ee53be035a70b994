import { chatSessionSchema } from '@guixu/api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type ProviderServer,
  startProviderServer,
} from '../../../../nodes/src/ai/testing/provider-server.ts';
import {
  addMember,
  createProject,
  createUser,
  type Identity,
  json,
} from '../../security/testing/identities.ts';
import {
  aiWorkflow,
  createWorkflowIn,
  MODEL_KEY,
  modelCredential,
  runWith,
} from '../../testing/ai-test-kit.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';

const sentMessages = (body: unknown) =>
  z.object({ messages: z.array(z.object({ role: z.string(), content: z.unknown() })) }).parse(body).messages;

/** Server-sent events of a chat answer, in order. */
function events(text: string): { event: string; data: Record<string, unknown> }[] {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? '{}';
      return { event, data: z.record(z.string(), z.unknown()).parse(JSON.parse(data)) };
    });
}

describe.each(BACKENDS)('chat memory and hosted chat on %s', (kind) => {
  let t: TestApp;
  let provider: ProviderServer;
  let owner: Identity;
  let outsider: Identity;
  let viewer: Identity;
  let project: string;
  let credentialId: string;

  beforeAll(async () => {
    provider = await startProviderServer({ apiKey: MODEL_KEY, models: ['gpt-test', 'qwen2.5:7b'] });
    t = await createTestApp(kind);
    if (!t.owner) throw new Error('the test app signs in as its owner');
    owner = t.owner;
    project = await createProject(t.app, owner, 'Chat');
    const other = await createProject(t.app, owner, 'Elsewhere');
    outsider = await createUser(t.app, owner, `chat-outsider-${kind}@example.com`);
    viewer = await createUser(t.app, owner, `chat-viewer-${kind}@example.com`);
    await addMember(t.app, owner, other, outsider.userId, 'editor');
    await addMember(t.app, owner, project, viewer.userId, 'viewer');
    credentialId = await modelCredential(t.app, owner, project, provider.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
    await provider?.close();
  });

  it('keeps the agent’s memory in the database per session; history readable and clearable per project', async () => {
    const workflowId = await createWorkflowIn(
      t.app,
      owner,
      project,
      aiWorkflow({ name: 'Remembers', credentialId, memory: true }),
    );
    provider.reply({ text: 'Nice to meet you, Ada.' });
    expect(
      (await runWith(t.app, owner, workflowId, { sessionId: 's1', chatInput: 'My name is Ada' })).status,
    ).toBe('success');
    provider.reply({ text: 'Your name is Ada.' });
    expect(
      (await runWith(t.app, owner, workflowId, { sessionId: 's1', chatInput: 'What is my name?' })).status,
    ).toBe('success');
    expect(sentMessages(provider.requests.at(-1)?.body).map((m) => m.content)).toEqual([
      'You are a helpful assistant.',
      'My name is Ada',
      'Nice to meet you, Ada.',
      'What is my name?',
    ]);
    // Another session starts empty.
    provider.reply({ text: 'I do not know.' });
    await runWith(t.app, owner, workflowId, { sessionId: 's2', chatInput: 'Who am I?' });
    expect(sentMessages(provider.requests.at(-1)?.body)).toHaveLength(2);

    const sessions = z
      .object({ data: z.array(chatSessionSchema) })
      .parse(
        json(await t.app.inject({ method: 'GET', url: `/api/v1/workflows/${workflowId}/chat-sessions` })),
      );
    expect(sessions.data.map((s) => [s.sessionId, s.turns]).sort()).toEqual([
      ['s1', 2],
      ['s2', 1],
    ]);
    const history = z
      .object({
        turns: z.array(z.object({ messages: z.array(z.object({ role: z.string(), content: z.unknown() })) })),
      })
      .parse(
        json(
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/workflows/${workflowId}/chat-sessions/s1`,
            headers: viewer.headers,
          }),
        ),
      );
    expect(history.turns.map((turn) => turn.messages[0])).toEqual([
      { role: 'user', content: 'My name is Ada' },
      { role: 'user', content: 'What is my name?' },
    ]);
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/v1/workflows/${workflowId}/chat-sessions/s1`,
      headers: outsider.headers,
    });
    expect(hidden.statusCode).toBe(404);
    const viewerClears = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/workflows/${workflowId}/chat-sessions/s1`,
      headers: viewer.headers,
    });
    expect(viewerClears.statusCode).toBe(403);
    const cleared = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/workflows/${workflowId}/chat-sessions/s1`,
    });
    expect(cleared.statusCode).toBe(204);
    provider.reply({ text: 'Hello again.' });
    await runWith(t.app, owner, workflowId, { sessionId: 's1', chatInput: 'Hi' });
    expect(sentMessages(provider.requests.at(-1)?.body)).toHaveLength(2);
  });

  it('answers on the hosted chat page as server-sent events, streaming the agent’s answer', async () => {
    const document = aiWorkflow({
      name: 'Hosted',
      credentialId,
      memory: true,
      trigger: {
        name: 'Chat',
        type: 'guixu.chatTrigger',
        parameters: { public: true, initialMessages: 'Hello!\nAsk me anything.' },
      },
    });
    const workflowId = await createWorkflowIn(t.app, owner, project, document);
    const inactive = await t.raw.inject({ method: 'GET', url: `/chat/${workflowId}` });
    expect(inactive.statusCode).toBe(404);
    const activated = await t.app.inject({ method: 'POST', url: `/api/v1/workflows/${workflowId}/activate` });
    expect(activated.statusCode).toBe(200);

    const page = await t.raw.inject({ method: 'GET', url: `/chat/${workflowId}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(page.body).toContain(`data-workflow="${workflowId}"`);
    expect(page.body).toContain('&quot;Ask me anything.&quot;');
    expect(page.body).not.toMatch(/<script>|\son\w+=/);
    const widget = await t.raw.inject({ method: 'GET', url: '/chat/widget.js' });
    expect(widget.headers['content-type']).toContain('javascript');
    expect(widget.body).toContain('data-workflow');

    provider.reply({ text: 'The answer is 42.' });
    const answer = await t.raw.inject({
      method: 'POST',
      url: `/chat/${workflowId}/messages`,
      payload: { sessionId: 'visitor-1', chatInput: 'What is the answer?' },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toContain('text/event-stream');
    const got = events(answer.body);
    expect(got[0]).toMatchObject({ event: 'start', data: { sessionId: 'visitor-1' } });
    expect(got.at(-1)).toMatchObject({ event: 'done', data: { answer: 'The answer is 42.' } });
    const streamed = got
      .filter((e) => e.event === 'delta')
      .map((e) => e.data.text)
      .join('');
    expect(streamed).toBe('The answer is 42.');
    // The hosted chat's turns are in the memory under the visitor's session.
    const history = await t.app.inject({
      method: 'GET',
      url: `/api/v1/workflows/${workflowId}/chat-sessions/visitor-1`,
    });
    expect(z.object({ turns: z.array(z.unknown()) }).parse(json(history)).turns).toHaveLength(1);

    const bad = await t.raw.inject({
      method: 'POST',
      url: `/chat/${workflowId}/messages`,
      payload: { chatInput: 'x' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('keeps a members-only chat for signed-in members who may run the workflow', async () => {
    const workflowId = await createWorkflowIn(
      t.app,
      owner,
      project,
      aiWorkflow({
        name: 'Members only',
        credentialId,
        trigger: { name: 'Chat', type: 'guixu.chatTrigger', parameters: { public: false } },
      }),
    );
    await t.app.inject({ method: 'POST', url: `/api/v1/workflows/${workflowId}/activate` });
    const anonymousPage = await t.raw.inject({ method: 'GET', url: `/chat/${workflowId}` });
    expect(anonymousPage.statusCode).toBe(401);
    expect(anonymousPage.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    const send = (headers: Record<string, string>) =>
      t.raw.inject({
        method: 'POST',
        url: `/chat/${workflowId}/messages`,
        headers,
        payload: { sessionId: 'm1', chatInput: 'Hi' },
      });
    expect((await send({})).statusCode).toBe(401);
    expect((await send(outsider.headers)).statusCode).toBe(404);
    expect((await send(viewer.headers)).statusCode).toBe(403);
    provider.reply({ text: 'Hello, member.' });
    const ok = await send(owner.headers);
    expect(events(ok.body).at(-1)).toMatchObject({ event: 'done', data: { answer: 'Hello, member.' } });
  });

  it('serves examples/ai-hosted-chat.json as a hosted chat', async () => {
    const file = join(import.meta.dirname, '..', '..', '..', '..', '..', 'examples', 'ai-hosted-chat.json');
    const example = z
      .object({
        name: z.string(),
        nodes: z.array(z.record(z.string(), z.unknown())),
        connections: z.record(z.string(), z.unknown()),
      })
      .parse(JSON.parse(readFileSync(file, 'utf8')));
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      payload: {
        name: 'Local model (compatible)',
        type: 'openAiCompatibleApi',
        projectId: project,
        data: { preset: 'ollama', baseUrl: provider.baseUrl, apiKey: MODEL_KEY },
      },
    });
    const credential = z.object({ id: z.string() }).parse(json(created)).id;
    const nodes = example.nodes.map((node) =>
      node.credentials
        ? {
            ...node,
            credentials: { openAiCompatibleApi: { id: credential, name: 'Local model (compatible)' } },
          }
        : node,
    );
    const workflow = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      payload: { name: example.name, nodes, connections: example.connections, projectId: project },
    });
    const workflowId = z.object({ id: z.string() }).parse(json(workflow)).id;
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/workflows/${workflowId}/activate` })).statusCode,
    ).toBe(200);
    provider.reply({ text: '17 × 23 = 391.' });
    const answer = await t.raw.inject({
      method: 'POST',
      url: `/chat/${workflowId}/messages`,
      payload: { sessionId: 'example', chatInput: 'What is 17 * 23?' },
    });
    expect(events(answer.body).at(-1)).toMatchObject({ event: 'done', data: { answer: '17 × 23 = 391.' } });
  });
});
