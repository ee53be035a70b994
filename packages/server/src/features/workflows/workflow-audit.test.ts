import { auditEntrySchema } from '@guixu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { json } from '../../security/testing/identities.ts';
import { webhookWorkflow } from '../../testing/sample-workflows.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { testUser } from '../../testing/test-users.ts';

const page = z.object({ data: z.array(auditEntrySchema) });
const record = z.object({ id: z.string(), projectId: z.string().nullable() });

describe.each(BACKENDS)('workflow changes in the audit log on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.dispose());

  async function call(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: Record<string, unknown>,
  ) {
    const res = await t.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
    return { status: res.statusCode, body: json(res) };
  }

  it('records who created, saved, activated, deactivated, deleted and restored a workflow, in its project', async () => {
    const created = await call('POST', '/api/v1/workflows', webhookWorkflow('Audited', `audited-${kind}`));
    expect(created.status).toBe(201);
    const { id, projectId } = record.parse(created.body);
    expect((await call('PATCH', `/api/v1/workflows/${id}`, { name: 'Audited v2' })).status).toBe(200);
    expect((await call('POST', `/api/v1/workflows/${id}/activate`)).status).toBe(200);
    expect((await call('POST', `/api/v1/workflows/${id}/deactivate`)).status).toBe(200);
    expect((await call('DELETE', `/api/v1/workflows/${id}`)).status).toBe(204);
    expect((await call('POST', `/api/v1/workflows/${id}/restore`)).status).toBe(200);

    const entries = page.parse((await call('GET', `/api/v1/audit?resourceId=${id}&limit=50`)).body).data;
    expect(entries.map((e) => e.action).sort()).toEqual(
      [
        'workflow.activate',
        'workflow.create',
        'workflow.deactivate',
        'workflow.delete',
        'workflow.restore',
        'workflow.update',
      ].sort(),
    );
    for (const entry of entries) {
      expect(entry).toMatchObject({
        resourceType: 'workflow',
        projectId,
        actor: { kind: 'user', label: 'owner@example.com' },
      });
    }
    const update = entries.find((e) => e.action === 'workflow.update');
    expect(update?.diff).toMatchObject({ name: ['Audited', 'Audited v2'], version: [1, 2] });
  });

  it('puts imports and copies in the chosen project; a copy needs create rights there', async () => {
    const team = await call('POST', '/api/v1/projects', { name: 'Audit team' });
    const teamId = z.object({ id: z.string() }).parse(team.body).id;
    const imported = await call('POST', '/api/v1/workflows/import', {
      workflow: webhookWorkflow('Imported', `imported-${kind}`),
      projectId: teamId,
    });
    expect(imported.status).toBe(201);
    const workflow = z.object({ workflow: record }).parse(imported.body).workflow;
    expect(workflow.projectId).toBe(teamId);

    const viewer = await testUser(t, { projectRole: 'viewer', projectId: teamId });
    const asViewer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${workflow.id}/duplicate`,
      headers: viewer.headers,
      payload: { projectId: teamId },
    });
    expect(asViewer.statusCode).toBe(403);
    // Their own personal project is fine.
    const own = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${workflow.id}/duplicate`,
      headers: viewer.headers,
      payload: {},
    });
    expect(own.statusCode).toBe(201);
    expect(record.parse(json(own)).projectId).not.toBe(teamId);
    const hidden = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${workflow.id}/duplicate`,
      headers: viewer.headers,
      payload: { projectId: 'no-such-project' },
    });
    expect(hidden.statusCode).toBe(404);

    const actions = page
      .parse((await call('GET', `/api/v1/audit?projectId=${teamId}&resourceType=workflow`)).body)
      .data.map((e) => e.action);
    expect(actions).toContain('workflow.import');
  });
});
