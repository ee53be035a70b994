import { aiBudgetSchema, aiPriceSchema, aiUsageReportSchema, aiUsageRoutes } from '@guixu/api';
import {
  type ProviderServer,
  startProviderServer,
} from '../../../../nodes/src/ai/testing/provider-server.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
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

const executionUsage = z.object({
  calls: z.array(
    z.object({ node: z.string(), model: z.string(), cost: z.number().nullable() }).passthrough(),
  ),
  nodes: z.array(
    z.object({ key: z.string(), calls: z.number(), cost: z.record(z.string(), z.number()) }).passthrough(),
  ),
});

describe.each(BACKENDS)('AI usage, prices and budgets on %s', (kind) => {
  let t: TestApp;
  let provider: ProviderServer;
  let owner: Identity;
  let editor: Identity;
  let projectAdmin: Identity;
  let outsider: Identity;
  let project: string;
  let workflowId: string;

  beforeAll(async () => {
    provider = await startProviderServer({ apiKey: MODEL_KEY });
    t = await createTestApp(kind);
    owner =
      t.owner ??
      (() => {
        throw new Error('owner');
      })();
    project = await createProject(t.app, owner, 'AI');
    const other = await createProject(t.app, owner, 'Other');
    editor = await createUser(t.app, owner, `ai-editor-${kind}@example.com`);
    outsider = await createUser(t.app, owner, `ai-outsider-${kind}@example.com`);
    await addMember(t.app, owner, project, editor.userId, 'editor');
    projectAdmin = await createUser(t.app, owner, `ai-admin-${kind}@example.com`);
    await addMember(t.app, owner, project, projectAdmin.userId, 'admin');
    await addMember(t.app, owner, other, outsider.userId, 'editor');
    const credentialId = await modelCredential(t.app, owner, project, provider.baseUrl);
    workflowId = await createWorkflowIn(
      t.app,
      owner,
      project,
      aiWorkflow({
        name: 'Chain',
        credentialId,
        root: 'guixu.chainLlm',
        rootParameters: { prompt: '={{ $json.q }}' },
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
    await provider?.close();
  });

  it('records each model call with its cost from the project price, per node and in the aggregates', async () => {
    // Editors run AI nodes; the project's admins set its prices.
    const byEditor = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai/prices',
      headers: editor.headers,
      payload: {
        projectId: project,
        model: 'gpt-test',
        inputPerMillion: 1,
        outputPerMillion: 1,
        currency: 'USD',
      },
    });
    expect(byEditor.statusCode).toBe(403);
    // The project's own price wins over the instance-wide defaults.
    const price = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai/prices',
      headers: projectAdmin.headers,
      payload: {
        projectId: project,
        provider: 'openai',
        model: 'gpt-test',
        inputPerMillion: 1000,
        outputPerMillion: 2000,
        currency: 'USD',
      },
    });
    expect(price.statusCode).toBe(201);
    expect(aiPriceSchema.parse(json(price))).toMatchObject({ projectId: project, model: 'gpt-test' });

    provider.reply({ text: 'Hello!', usage: { input: 100, output: 50 } });
    const run = await runWith(t.app, owner, workflowId, { q: 'Say hello' });
    expect(run.status).toBe('success');
    const usage = z
      .object({ cost: z.record(z.string(), z.number()) })
      .passthrough()
      .parse(run.items?.[0]?.json.usage);
    expect(usage.cost).toEqual({ USD: 0.2 });

    const perExecution = await t.app.inject({
      method: 'GET',
      url: `/api/v1/executions/${run.executionId}/ai-usage`,
    });
    const calls = executionUsage.parse(json(perExecution));
    expect(calls.calls).toMatchObject([{ node: 'Root', model: 'gpt-test', cost: 0.2 }]);
    expect(calls.nodes).toMatchObject([{ key: 'Root', calls: 1, cost: { USD: 0.2 } }]);

    const report = async (query: string, who = owner) =>
      aiUsageReportSchema.parse(
        json(await t.app.inject({ method: 'GET', url: `/api/v1/ai/usage?${query}`, headers: who.headers })),
      );
    expect((await report(`groupBy=model&projectId=${project}`)).data).toEqual([
      { key: 'openai/gpt-test', calls: 1, inputTokens: 100, outputTokens: 50, cost: { USD: 0.2 } },
    ]);
    expect((await report(`groupBy=workflow&projectId=${project}`)).data.map((r) => r.key)).toEqual([
      workflowId,
    ]);
    expect((await report('groupBy=project')).data.map((r) => r.key)).toEqual([project]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await report(`groupBy=day&from=${today}&to=${today}`)).total).toMatchObject({
      calls: 1,
      inputTokens: 100,
    });
    expect((await report('groupBy=node', editor)).data).toMatchObject([{ key: 'Root', calls: 1 }]);
    // Another project's member sees none of it, and may not ask for the project.
    expect((await report('groupBy=model', outsider)).data).toEqual([]);
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ai/usage?projectId=${project}`,
      headers: outsider.headers,
    });
    expect(hidden.statusCode).toBe(404);
    const hiddenRun = await t.app.inject({
      method: 'GET',
      url: `/api/v1/executions/${run.executionId}/ai-usage`,
      headers: outsider.headers,
    });
    expect(hiddenRun.statusCode).toBe(404);
  });

  it('stops AI nodes of a project past its monthly budget, before any model call', async () => {
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/projects/${project}/ai-budget`,
      payload: { monthlyLimit: 0.1, currency: 'USD' },
    });
    expect(aiBudgetSchema.parse(json(set))).toMatchObject({ monthlyLimit: 0.1, spent: 0.2, currency: 'USD' });
    // An editor may read the budget but not change it.
    const denied = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/projects/${project}/ai-budget`,
      headers: editor.headers,
      payload: { monthlyLimit: 100, currency: 'USD' },
    });
    expect(denied.statusCode).toBe(403);

    const before = provider.requests.length;
    const stopped = await runWith(t.app, owner, workflowId, { q: 'Again' });
    expect(stopped.status).toBe('error');
    expect(stopped.error).toMatchObject({ code: 'AI_BUDGET_EXCEEDED' });
    expect(stopped.error?.message).toContain('0.2000 of 0.10 USD');
    expect(provider.requests.length).toBe(before);

    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/projects/${project}/ai-budget`,
      payload: { monthlyLimit: null },
    });
    provider.reply({ text: 'Back', usage: { input: 1, output: 1 } });
    expect((await runWith(t.app, owner, workflowId, { q: 'Again' })).status).toBe('success');
  });

  it('keeps an editable price table: defaults, project prices, instance prices for instance admins only', async () => {
    const list = z.object({ data: z.array(aiPriceSchema) });
    const all = list.parse(json(await t.app.inject({ method: 'GET', url: '/api/v1/ai/prices' })));
    expect(
      all.data.some((p) => p.model === 'gpt-4o-mini' && p.projectId === null && p.currency === 'USD'),
    ).toBe(true);
    expect(all.data.some((p) => p.projectId === project)).toBe(false);
    const withProject = list.parse(
      json(
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/ai/prices?projectId=${project}`,
          headers: editor.headers,
        }),
      ),
    );
    const own = withProject.data.find((p) => p.projectId === project);
    expect(own).toMatchObject({ model: 'gpt-test', inputPerMillion: 1000 });

    const instanceByEditor = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai/prices',
      headers: editor.headers,
      payload: { model: 'my-model', inputPerMillion: 1, outputPerMillion: 2, currency: 'EUR' },
    });
    expect(instanceByEditor.statusCode).toBe(403);
    const instance = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai/prices',
      payload: { model: 'my-model', inputPerMillion: 1, outputPerMillion: 2, currency: 'EUR' },
    });
    expect(instance.statusCode).toBe(201);
    const created = aiPriceSchema.parse(json(instance));
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai/prices',
      payload: { model: 'my-model', inputPerMillion: 1, outputPerMillion: 2, currency: 'EUR' },
    });
    expect(duplicate.statusCode).toBe(409);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/ai/prices/${created.id}`,
      payload: { outputPerMillion: 3 },
    });
    expect(aiPriceSchema.parse(json(patched)).outputPerMillion).toBe(3);
    const patchByOutsider = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/ai/prices/${own?.id}`,
      headers: outsider.headers,
      payload: { outputPerMillion: 3 },
    });
    expect(patchByOutsider.statusCode).toBe(404);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai/prices',
      payload: { model: 'x', inputPerMillion: -1, outputPerMillion: 1, currency: 'usd' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/ai/prices/${created.id}` })).statusCode,
    ).toBe(204);
    expect(aiUsageRoutes.deletePrice.status).toBe(204);
  });
});
