import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type ProviderServer,
  startProviderServer,
} from '../../../../nodes/src/ai/testing/provider-server.ts';
import { createProject, type Identity, json } from '../../security/testing/identities.ts';
import {
  aiWorkflow,
  createWorkflowIn,
  MODEL_KEY,
  modelCredential,
  runWith,
} from '../../testing/ai-test-kit.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

/**
 * The AI services without worker threads (GUIXU_EXECUTION_WORKERS=0: the runner's
 * inline host): usage, budget, memory, prompt templates and streams reach the same
 * main-thread host as through the worker protocol.
 */
describe('AI services on the inline host', () => {
  let t: TestApp;
  let provider: ProviderServer;
  let owner: Identity;
  let project: string;
  let credentialId: string;

  beforeAll(async () => {
    provider = await startProviderServer({ apiKey: MODEL_KEY });
    t = await createTestApp('sqlite', { env: { GUIXU_EXECUTION_WORKERS: '0' } });
    if (!t.owner) throw new Error('the test app signs in as its owner');
    owner = t.owner;
    project = await createProject(t.app, owner, 'Inline');
    credentialId = await modelCredential(t.app, owner, project, provider.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
    await provider?.close();
  });

  it('records usage, keeps memory, uses templates and stops at the budget', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/prompt-templates',
      payload: { projectId: project, name: 'Inline', system: 'Be {{tone}}.', prompt: '' },
    });
    const templateId = z.object({ id: z.string() }).parse(json(created)).id;
    const workflowId = await createWorkflowIn(
      t.app,
      owner,
      project,
      aiWorkflow({
        name: 'Inline agent',
        credentialId,
        memory: true,
        rootParameters: { promptTemplateId: templateId, templateValues: { tone: 'brief' } },
      }),
    );
    provider.reply({ text: 'Noted.', usage: { input: 10, output: 5 } });
    const first = await runWith(t.app, owner, workflowId, { sessionId: 'i1', chatInput: 'Remember 7' });
    expect(first.status).toBe('success');
    provider.reply({ text: 'Seven.', usage: { input: 20, output: 5 } });
    await runWith(t.app, owner, workflowId, { sessionId: 'i1', chatInput: 'Which number?' });
    const sent = z
      .object({ messages: z.array(z.object({ content: z.unknown() })) })
      .parse(provider.requests.at(-1)?.body)
      .messages.map((m) => m.content);
    expect(sent).toEqual(['Be brief.', 'Remember 7', 'Noted.', 'Which number?']);

    const report = z
      .object({ total: z.object({ calls: z.number(), inputTokens: z.number() }) })
      .parse(json(await t.app.inject({ method: 'GET', url: `/api/v1/ai/usage?projectId=${project}` })));
    expect(report.total).toEqual(expect.objectContaining({ calls: 2, inputTokens: 30 }));

    // gpt-test has no price: with a budget in USD nothing is spent yet, so a zero budget stops at once.
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/projects/${project}/ai-budget`,
      payload: { monthlyLimit: 0, currency: 'USD' },
    });
    const stopped = await runWith(t.app, owner, workflowId, { sessionId: 'i1', chatInput: 'Again' });
    expect(stopped.error).toMatchObject({ code: 'AI_BUDGET_EXCEEDED' });
  });
});
