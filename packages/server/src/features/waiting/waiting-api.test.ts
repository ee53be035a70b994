import { executionDetailSchema, executionStartedSchema } from '@guixu/api';
import type { Workflow } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createProject } from '../../security/testing/identities.ts';
import { waitWorkflow } from '../../runner/test-workflows.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';

describe.each(BACKENDS)('Wait resumes on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.ctx.services.get('executions');
  });
  afterAll(async () => t.dispose());

  async function json(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
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

  async function startWaiting(workflow: Workflow) {
    const created = await json('POST', '/api/v1/workflows', {
      name: workflow.name,
      nodes: workflow.nodes,
      connections: workflow.connections,
    });
    const run = await json('POST', `/api/v1/workflows/${created.body.id}/run`, {
      wait: true,
      input: { n: 1 },
    });
    return executionStartedSchema.parse(run.body);
  }

  const detail = async (id: string) =>
    executionDetailSchema.parse((await json('GET', `/api/v1/executions/${id}`)).body);

  it('gives a webhook wait its resume URL and continues on a call, once', async () => {
    const waiting = await startWaiting(waitWorkflow({ webhook: true }, 'Webhook wait'));
    expect(waiting.status).toBe('waiting');
    const url = `/webhook-waiting/${waiting.executionId}`;
    expect((await detail(waiting.executionId)).waitingFor).toEqual({
      node: 'Wait',
      resumeOn: ['webhook'],
      resumeUrl: `${t.config.publicUrl}${url}`,
    });

    expect((await json('PUT', url, { a: 1 })).status).toBe(405);
    const resumed = await json('POST', `${url}?via=test`, { approved: true });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toEqual({ message: 'Workflow was resumed', executionId: waiting.executionId });
    const again = await json('POST', url, { approved: false });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'EXECUTION_ALREADY_RESUMED' });

    let state = await detail(waiting.executionId);
    for (let i = 0; i < 100 && state.status !== 'success'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      state = await detail(waiting.executionId);
    }
    expect(state.status).toBe('success');
    expect(state.runData.Wait).toHaveLength(1);
    const after = state.runData.After?.[0]?.output[0]?.[0]?.json;
    expect(after).toMatchObject({ body: { approved: true }, query: { via: 'test' }, resumed: 'yes' });
  });

  it('answers 404 for unknown executions and executions that wait for a time', async () => {
    expect((await json('POST', '/webhook-waiting/unknown', {})).status).toBe(404);
    const timed = await startWaiting(waitWorkflow({ seconds: 3600 }, 'Long wait'));
    const response = await json('POST', `/webhook-waiting/${timed.executionId}`, {});
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'WAITING_EXECUTION_NOT_FOUND' });
  });

  it("checks the Wait node's resume authentication with the project's credential", async () => {
    const owner = t.owner;
    if (!owner) throw new Error('the test app signs in as its owner');
    const projectId = await createProject(t.app, owner, 'Waits');
    const credential = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: owner.headers,
      payload: {
        name: 'Resume key',
        type: 'httpHeaderAuth',
        projectId,
        data: { name: 'X-Key', value: 'k-123' },
      },
    });
    expect(credential.statusCode).toBe(201);
    const credentialId = z.object({ id: z.string() }).parse(JSON.parse(credential.body)).id;
    const workflow = waitWorkflow({ webhook: true }, 'Guarded wait');
    const wait = workflow.nodes[1];
    wait.parameters.incomingAuthentication = 'headerAuth';
    wait.credentials = { httpHeaderAuth: { id: credentialId, name: 'Resume key' } };
    const created = await json('POST', '/api/v1/workflows', {
      name: workflow.name,
      nodes: workflow.nodes,
      connections: workflow.connections,
    });
    await t.ctx.database.db
      .updateTable('workflows')
      .set({ project_id: projectId })
      .where('id', '=', created.body.id)
      .execute();
    const run = await json('POST', `/api/v1/workflows/${created.body.id}/run`, { wait: true });
    const { executionId } = executionStartedSchema.parse(run.body);
    const call = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: `/webhook-waiting/${executionId}`, headers, payload: {} });
    expect((await call({})).statusCode).toBe(401);
    expect((await call({ 'x-key': 'wrong' })).statusCode).toBe(403);
    expect((await call({ 'x-key': 'k-123' })).statusCode).toBe(200);
  });

  it('resumes a time wait when it is due', async () => {
    const waiting = await startWaiting(waitWorkflow({ seconds: 1 }, 'Short wait'));
    expect(waiting.status).toBe('waiting');
    let state = await detail(waiting.executionId);
    expect(state.waitTill).not.toBeNull();
    for (let i = 0; i < 150 && state.status !== 'success'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = await detail(waiting.executionId);
    }
    expect(state.status).toBe('success');
    expect(state.waitTill).toBeNull();
    expect(state.runData.After?.[0]?.output[0]?.[0]?.json).toEqual({ n: 1, resumed: 'yes' });
  });
});
