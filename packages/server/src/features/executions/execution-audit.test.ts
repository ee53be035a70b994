import { auditEntrySchema } from '@guixu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { failingWorkflow } from '../../runner/test-workflows.ts';
import { json } from '../../security/testing/identities.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';

const started = z.object({ executionId: z.string(), status: z.string() });
const page = z.object({ data: z.array(auditEntrySchema) });

describe.each(BACKENDS)('execution changes in the audit log on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.dispose());

  async function call(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Record<string, unknown>) {
    const res = await t.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
    return { status: res.statusCode, body: json(res) };
  }

  it('records retries and deletes with the workflow project; a retry stays in that project', async () => {
    const workflow = failingWorkflow(`Audit fails ${kind}`);
    const created = await call('POST', '/api/v1/workflows', {
      name: workflow.name,
      nodes: workflow.nodes,
      connections: workflow.connections,
    });
    const { id, projectId } = z.object({ id: z.string(), projectId: z.string() }).parse(created.body);
    const run = started.parse((await call('POST', `/api/v1/workflows/${id}/run`, { wait: true })).body);
    expect(run.status).toBe('error');
    const retry = started.parse(
      (await call('POST', `/api/v1/executions/${run.executionId}/retry`, { wait: true })).body,
    );
    const retried = await call('GET', `/api/v1/executions/${retry.executionId}`);
    expect(retried.status).toBe(200);
    const rows = await t.ctx.services.get('executions').store.findRow(retry.executionId);
    expect(rows?.project_id).toBe(projectId);
    expect((await call('DELETE', `/api/v1/executions/${run.executionId}`)).status).toBe(204);

    const entries = page.parse(
      (await call('GET', `/api/v1/audit?resourceType=execution&resourceId=${run.executionId}`)).body,
    ).data;
    expect(entries.map((e) => e.action).sort()).toEqual(['execution.delete', 'execution.retry']);
    for (const entry of entries) {
      expect(entry).toMatchObject({ projectId, actor: { label: 'owner@example.com' } });
    }
  });
});
