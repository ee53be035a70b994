import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { json } from '../../security/testing/identities.ts';
import { webhookWorkflow } from '../../testing/sample-workflows.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { testApiKey, testUser } from '../../testing/test-users.ts';

const listing = z.object({ data: z.array(z.object({ path: z.string(), workflowId: z.string() })) });

describe.each(BACKENDS)('webhook listings and rate limit on %s', (kind) => {
  let t: TestApp;
  let projectA = '';
  beforeAll(async () => {
    t = await createTestApp(kind, { env: { GUIXU_WEBHOOK_RATE_LIMIT: '3' } });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      payload: { name: 'Hooks A' },
    });
    projectA = z.object({ id: z.string() }).parse(json(created)).id;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('lists only the webhooks of workflows the caller may see', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      payload: { ...webhookWorkflow('Hook in A', `hook-${kind}`), projectId: projectA },
    });
    expect(created.statusCode).toBe(201);
    const id = z.object({ id: z.string() }).parse(json(created)).id;
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/workflows/${id}/activate` })).statusCode).toBe(
      200,
    );
    const viewer = await testUser(t, { projectRole: 'viewer', projectId: projectA });
    const stranger = await testUser(t, { projectRole: 'editor' });
    const asViewer = listing.parse(
      json(await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: viewer.headers })),
    );
    expect(asViewer.data.map((w) => w.path)).toEqual([`hook-${kind}`]);
    const asStranger = await t.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks',
      headers: stranger.headers,
    });
    expect(listing.parse(json(asStranger)).data).toEqual([]);
    const filtered = await t.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks?workflowId=${id}`,
      headers: stranger.headers,
    });
    expect(listing.parse(json(filtered)).data).toEqual([]);
    // A key narrows its user: without workflow:read the viewer's key may not list webhooks at all.
    const key = await testApiKey(t, viewer, ['execution:read']);
    const asKey = await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: key.headers });
    expect(asKey.statusCode).toBe(403);
    const readKey = await testApiKey(t, viewer, ['workflow:read']);
    const withRead = await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: readKey.headers });
    expect(listing.parse(json(withRead)).data.map((w) => w.workflowId)).toEqual([id]);
  });

  it('counts webhook calls per client address (GUIXU_WEBHOOK_RATE_LIMIT), without sign-in', async () => {
    const call = () =>
      t.raw.inject({ method: 'POST', url: '/webhook/nothing-here', remoteAddress: '10.9.8.7', payload: {} });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call()).statusCode);
    expect(statuses).toEqual([404, 404, 404, 429]);
    const other = await t.raw.inject({
      method: 'POST',
      url: '/webhook/nothing-here',
      remoteAddress: '10.9.8.6',
      payload: {},
    });
    expect(other.statusCode).toBe(404);
  });
});
