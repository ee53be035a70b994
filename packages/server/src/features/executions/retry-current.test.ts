import { executionDetailSchema, executionStartedSchema } from '@guixu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failingWorkflow } from '../../runner/test-workflows.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

/** Retry with the workflow as saved now: the editor's fix is used (n8n's "retry with currently saved workflow"). */
describe('retrying an execution with the current workflow', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.dispose());

  async function call(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
    const response = await t.app.inject({
      method,
      url,
      ...(payload === undefined
        ? {}
        : { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }),
    });
    return {
      status: response.statusCode,
      body: response.body === '' ? undefined : JSON.parse(response.body),
    };
  }

  it('runs the saved fix from the failed node, keeps the nodes before it, and the original still fails', async () => {
    const workflow = failingWorkflow('Fix me');
    workflow.nodes.splice(1, 0, {
      id: 'n-mid',
      name: 'Mid',
      type: 'guixu.noOp',
      typeVersion: 1,
      position: [100, 0],
      parameters: {},
    });
    workflow.connections = {
      Start: { main: [[{ node: 'Mid', type: 'main', index: 0 }]] },
      Mid: { main: [[{ node: 'Fail', type: 'main', index: 0 }]] },
    };
    const created = await call('POST', '/api/v1/workflows', {
      name: workflow.name,
      nodes: workflow.nodes,
      connections: workflow.connections,
      settings: {},
    });
    expect(created.status).toBe(201);
    const { id, version } = created.body as { id: string; version: number };
    const failed = executionStartedSchema.parse(
      (await call('POST', `/api/v1/workflows/${id}/run`, { input: { n: 1 }, wait: true })).body,
    );
    expect(failed.status).toBe('error');
    const original = executionDetailSchema.parse(
      (await call('GET', `/api/v1/executions/${failed.executionId}`)).body,
    );

    // The fix, saved in the editor: "Fail" no longer stops.
    const fixed = workflow.nodes.map((n) =>
      n.name === 'Fail' ? { ...n, type: 'guixu.noOp', parameters: {} } : n,
    );
    const saved = await call('PATCH', `/api/v1/workflows/${id}`, {
      name: workflow.name,
      nodes: fixed,
      connections: workflow.connections,
      settings: {},
      expectedVersion: version,
    });
    expect(saved.status).toBe(200);

    const withOriginal = executionStartedSchema.parse(
      (
        await call('POST', `/api/v1/executions/${failed.executionId}/retry`, {
          fromFailedNode: true,
          wait: true,
        })
      ).body,
    );
    expect(withOriginal.status).toBe('error');

    const withCurrent = executionStartedSchema.parse(
      (
        await call('POST', `/api/v1/executions/${failed.executionId}/retry`, {
          fromFailedNode: true,
          workflow: 'current',
          wait: true,
        })
      ).body,
    );
    expect(withCurrent.status).toBe('success');
    expect(withCurrent.items?.map((i) => i.json)).toEqual([{ n: 1 }]);
    const retried = executionDetailSchema.parse(
      (await call('GET', `/api/v1/executions/${withCurrent.executionId}`)).body,
    );
    expect(retried).toMatchObject({
      mode: 'retry',
      retryOf: failed.executionId,
      workflowVersion: version + 1,
    });
    // Mid ran before the failure: its recorded run is reused, not run again.
    expect(retried.runData.Mid?.[0]).toEqual(original.runData.Mid?.[0]);
    expect(retried.workflow?.nodes.find((n) => n.name === 'Fail')?.type).toBe('guixu.noOp');

    const bad = await call('POST', `/api/v1/executions/${failed.executionId}/retry`, { workflow: 'latest' });
    expect(bad.status).toBe(400);
  });
});
