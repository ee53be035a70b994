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
import { aiWorkflow, createWorkflowIn, MODEL_KEY, modelCredential } from '../../testing/ai-test-kit.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { OptionsCache } from './credential-options.ts';

const answer = z.object({
  data: z.array(z.object({ value: z.string(), label: z.string() })),
  fetchedAt: z.string(),
});
const errorAnswer = z.object({ code: z.string(), message: z.string() }).passthrough();

describe.each(BACKENDS)('resource picker lists from a credential on %s', (kind) => {
  let t: TestApp;
  let provider: ProviderServer;
  let owner: Identity;
  let viewer: Identity;
  let outsider: Identity;
  let projectA: string;
  let projectB: string;
  let credentialA: string;
  let workflowA: string;

  const listsRequested = () => provider.requests.filter((r) => r.path.endsWith('/models')).length;
  const get = (who: Identity, credentialId: string, query: string, list = 'models') =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/credentials/${credentialId}/options/${list}?${query}`,
      headers: who.headers,
    });

  beforeAll(async () => {
    provider = await startProviderServer({ apiKey: MODEL_KEY, models: ['qwen2.5:7b', 'gpt-test', 'bge-m3'] });
    t = await createTestApp(kind);
    if (!t.owner) throw new Error('the test app signs in as its owner');
    owner = t.owner;
    projectA = await createProject(t.app, owner, 'Models A');
    projectB = await createProject(t.app, owner, 'Models B');
    viewer = await createUser(t.app, owner, `options-viewer-${kind}@example.com`);
    outsider = await createUser(t.app, owner, `options-outsider-${kind}@example.com`);
    await addMember(t.app, owner, projectA, viewer.userId, 'viewer');
    await addMember(t.app, owner, projectB, outsider.userId, 'editor');
    credentialA = await modelCredential(t.app, owner, projectA, provider.baseUrl);
    workflowA = await createWorkflowIn(
      t.app,
      owner,
      projectA,
      aiWorkflow({ name: 'Picks a model', credentialId: credentialA }),
    );
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
    await provider?.close();
  });

  it('lists the provider’s models sorted, never the secret, and caches the answer', async () => {
    const before = listsRequested();
    const res = await get(owner, credentialA, `workflowId=${workflowA}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(MODEL_KEY);
    const first = answer.parse(json(res));
    expect(first.data.map((m) => m.value)).toEqual(['bge-m3', 'gpt-test', 'qwen2.5:7b']);
    expect(listsRequested()).toBe(before + 1);
    // The key reached the provider, not the browser.
    expect(provider.requests.at(-1)?.headers.authorization).toBe(`Bearer ${MODEL_KEY}`);

    const again = answer.parse(json(await get(owner, credentialA, `workflowId=${workflowA}`)));
    expect(again).toEqual(first);
    expect(listsRequested()).toBe(before + 1);

    const refreshed = await get(owner, credentialA, `workflowId=${workflowA}&refresh=true`);
    expect(refreshed.statusCode).toBe(200);
    expect(listsRequested()).toBe(before + 2);
  });

  it('asks again after the credential changes', async () => {
    const before = listsRequested();
    await get(owner, credentialA, `workflowId=${workflowA}`);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/credentials/${credentialA}`,
      headers: owner.headers,
      payload: { name: 'Local model (renamed)' },
    });
    expect(patched.statusCode).toBe(200);
    expect((await get(owner, credentialA, `workflowId=${workflowA}`)).statusCode).toBe(200);
    expect(listsRequested()).toBeGreaterThan(before);
  });

  it('refuses callers who may not edit the workflow or use the credential', async () => {
    // Anonymous callers: the isolation matrix (this test app signs unauthenticated calls in as the owner).
    const byViewer = await get(viewer, credentialA, `workflowId=${workflowA}`);
    expect(byViewer.statusCode).toBe(403);
    const byOutsider = await get(outsider, credentialA, `workflowId=${workflowA}`);
    expect(byOutsider.statusCode).toBe(404);
  });

  it('needs the credential to be usable in the workflow’s project, as a run does', async () => {
    const credentialB = await modelCredential(t.app, owner, projectB, provider.baseUrl);
    const denied = await get(owner, credentialB, `workflowId=${workflowA}`);
    expect(denied.statusCode).toBe(404);
    expect(errorAnswer.parse(json(denied)).message).toContain("not available to this workflow's project");

    const share = (access: 'read' | 'use') =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/shares/credential/${credentialB}/${projectA}`,
        headers: owner.headers,
        payload: { access },
      });
    expect((await share('read')).statusCode).toBeLessThan(300);
    expect((await get(owner, credentialB, `workflowId=${workflowA}`)).statusCode).toBe(404);
    expect((await share('use')).statusCode).toBeLessThan(300);
    const allowed = await get(owner, credentialB, `workflowId=${workflowA}`);
    expect(allowed.statusCode).toBe(200);
    expect(answer.parse(json(allowed)).data).toHaveLength(3);
  });

  it('answers a clear error when the provider is unreachable or the key is refused', async () => {
    const down = await startProviderServer();
    const downUrl = down.baseUrl;
    await down.close();
    const unreachable = await modelCredential(t.app, owner, projectA, downUrl);
    const res = await get(owner, unreachable, `workflowId=${workflowA}`);
    expect(res.statusCode).toBe(502);
    const error = errorAnswer.parse(json(res));
    expect(error.code).toBe('CREDENTIAL_OPTIONS_FAILED');
    expect(error.message).toContain(`Could not list models: Could not reach ${downUrl}/models`);
    expect(res.body).not.toContain(MODEL_KEY);

    const badKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: owner.headers,
      payload: {
        name: `Wrong key ${kind}`,
        type: 'openAiApi',
        projectId: projectA,
        data: { apiKey: 'sk-wrong', baseUrl: provider.baseUrl },
      },
    });
    const refused = await get(
      owner,
      z.object({ id: z.string() }).parse(json(badKey)).id,
      `workflowId=${workflowA}`,
    );
    expect(refused.statusCode).toBe(502);
    expect(errorAnswer.parse(json(refused)).message).toContain('refused the API key');
  });

  it('names a list the credential type does not offer', async () => {
    const res = await get(owner, credentialA, `workflowId=${workflowA}`, 'voices');
    expect(res.statusCode).toBe(404);
    expect(errorAnswer.parse(json(res)).code).toBe('CREDENTIAL_OPTIONS_NOT_FOUND');
    const noWorkflow = await get(owner, credentialA, 'workflowId=missing-workflow');
    expect(noWorkflow.statusCode).toBe(404);
  });
});

describe('the options cache', () => {
  it('forgets entries after their time and drops the oldest when full', () => {
    let now = 1_000;
    const cache = new OptionsCache(100, 2, () => now);
    cache.set('a', [{ value: 'a', label: 'a' }]);
    cache.set('b', [{ value: 'b', label: 'b' }]);
    cache.set('c', [{ value: 'c', label: 'c' }]);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')?.data).toEqual([{ value: 'b', label: 'b' }]);
    now += 100;
    expect(cache.get('c')).toBeUndefined();
  });
});
