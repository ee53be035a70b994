import { promptPreviewSchema, promptTemplateSchema, promptTemplateVersionSchema } from '@guixu/api';
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

describe.each(BACKENDS)('prompt templates on %s', (kind) => {
  let t: TestApp;
  let provider: ProviderServer;
  let owner: Identity;
  let editor: Identity;
  let viewer: Identity;
  let outsider: Identity;
  let projectA: string;
  let projectB: string;
  let credentialId: string;

  beforeAll(async () => {
    provider = await startProviderServer({ apiKey: MODEL_KEY });
    t = await createTestApp(kind);
    if (!t.owner) throw new Error('the test app signs in as its owner');
    owner = t.owner;
    projectA = await createProject(t.app, owner, 'Prompts A');
    projectB = await createProject(t.app, owner, 'Prompts B');
    editor = await createUser(t.app, owner, `pt-editor-${kind}@example.com`);
    viewer = await createUser(t.app, owner, `pt-viewer-${kind}@example.com`);
    outsider = await createUser(t.app, owner, `pt-outsider-${kind}@example.com`);
    await addMember(t.app, owner, projectA, editor.userId, 'editor');
    await addMember(t.app, owner, projectA, viewer.userId, 'viewer');
    await addMember(t.app, owner, projectB, outsider.userId, 'editor');
    credentialId = await modelCredential(t.app, owner, projectA, provider.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
    await provider?.close();
  });

  const create = async (who: Identity, projectId: string, name: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/prompt-templates',
      headers: who.headers,
      payload: {
        projectId,
        name,
        description: 'Support answers',
        system: 'You are {{persona}}.',
        prompt: 'Answer briefly: {{question}}',
        variables: [{ name: 'persona', description: 'Who answers', default: 'a helpful assistant' }],
      },
    });
    expect(res.statusCode).toBe(201);
    return promptTemplateSchema.parse(json(res));
  };

  it('keeps versions, previews with sample values, and is scoped to its project', async () => {
    const template = await create(editor, projectA, 'Support');
    expect(template.latestVersion).toBe(1);
    expect(template.current.variables.map((v) => v.name)).toEqual(['persona', 'question']);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/prompt-templates',
      headers: editor.headers,
      payload: { projectId: projectA, name: 'Support', prompt: 'x' },
    });
    expect(again.statusCode).toBe(409);

    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/prompt-templates/${template.id}`,
      headers: editor.headers,
      payload: { description: 'Support answers v2' },
    });
    expect(promptTemplateSchema.parse(json(renamed)).latestVersion).toBe(1);
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/prompt-templates/${template.id}`,
      headers: editor.headers,
      payload: { prompt: 'Answer in one sentence: {{question}}' },
    });
    expect(promptTemplateSchema.parse(json(edited))).toMatchObject({ latestVersion: 2 });
    const versions = z
      .object({ data: z.array(promptTemplateVersionSchema) })
      .parse(
        json(await t.app.inject({ method: 'GET', url: `/api/v1/prompt-templates/${template.id}/versions` })),
      );
    expect(versions.data.map((v) => v.version)).toEqual([2, 1]);
    const first = promptTemplateVersionSchema.parse(
      json(await t.app.inject({ method: 'GET', url: `/api/v1/prompt-templates/${template.id}/versions/1` })),
    );
    expect(first.prompt).toBe('Answer briefly: {{question}}');

    const preview = async (body: Record<string, unknown>, who = viewer) =>
      promptPreviewSchema.parse(
        json(
          await t.app.inject({
            method: 'POST',
            url: `/api/v1/prompt-templates/${template.id}/preview`,
            headers: who.headers,
            payload: body,
          }),
        ),
      );
    expect(await preview({ values: { question: 'Why is the sky blue?' } })).toEqual({
      version: 2,
      system: 'You are a helpful assistant.',
      prompt: 'Answer in one sentence: Why is the sky blue?',
      missing: [],
    });
    expect(await preview({ version: 1, values: { persona: 'a pirate' } })).toEqual({
      version: 1,
      system: 'You are a pirate.',
      prompt: 'Answer briefly: ',
      missing: ['question'],
    });

    // Viewers read, may not write; another project's members do not see it.
    const byViewer = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/prompt-templates/${template.id}`,
      headers: viewer.headers,
      payload: { prompt: 'x' },
    });
    expect(byViewer.statusCode).toBe(403);
    const byOutsider = await t.app.inject({
      method: 'GET',
      url: `/api/v1/prompt-templates/${template.id}`,
      headers: outsider.headers,
    });
    expect(byOutsider.statusCode).toBe(404);
    const list = z
      .object({ data: z.array(promptTemplateSchema) })
      .parse(
        json(
          await t.app.inject({ method: 'GET', url: '/api/v1/prompt-templates', headers: outsider.headers }),
        ),
      );
    expect(list.data.map((p) => p.id)).not.toContain(template.id);
  });

  it('is used by the LLM Chain by id, with values from the item; another project’s template is refused', async () => {
    const template = await create(editor, projectA, 'For the chain');
    const workflowId = await createWorkflowIn(
      t.app,
      owner,
      projectA,
      aiWorkflow({
        name: 'Templated chain',
        credentialId,
        root: 'guixu.chainLlm',
        rootParameters: { promptTemplateId: template.id, templateValues: { persona: 'a poet' } },
      }),
    );
    provider.reply({ text: 'Because of Rayleigh scattering.' });
    const run = await runWith(t.app, owner, workflowId, { question: 'Why is the sky blue?' });
    expect(run.status).toBe('success');
    expect(run.items?.[0]?.json.text).toBe('Because of Rayleigh scattering.');
    const sent = z
      .object({ messages: z.array(z.object({ role: z.string(), content: z.unknown() })) })
      .parse(provider.requests.at(-1)?.body);
    expect(sent.messages).toEqual([
      { role: 'system', content: 'You are a poet.' },
      { role: 'user', content: 'Answer briefly: Why is the sky blue?' },
    ]);

    const foreign = await create(outsider, projectB, 'Foreign');
    const stealing = await createWorkflowIn(
      t.app,
      owner,
      projectA,
      aiWorkflow({
        name: 'Stealing',
        credentialId,
        root: 'guixu.chainLlm',
        rootParameters: { promptTemplateId: foreign.id },
      }),
    );
    const refused = await runWith(t.app, owner, stealing, { question: 'x' });
    expect(refused.status).toBe('error');
    expect(refused.error).toMatchObject({ code: 'AI_PROMPT_TEMPLATE_NOT_FOUND' });
  });
});
