import { executionDetailSchema, executionPageSchema, executionStartedSchema } from '@guixu/api';
import type { Workflow } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failingWorkflow,
  manualSetWorkflow,
  slowWorkflow,
  waitWorkflow,
} from '../../runner/test-workflows.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';

describe.each(BACKENDS)('executions API on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.dispose());

  async function call(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) {
    const response = await t.app.inject({
      method,
      url,
      ...(payload === undefined
        ? {}
        : { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }),
    });
    const body: unknown = response.body === '' ? undefined : JSON.parse(response.body);
    return { status: response.statusCode, body, headers: response.headers };
  }

  async function createWorkflow(workflow: Workflow): Promise<string> {
    const { status, body } = await call('POST', '/api/v1/workflows', {
      name: workflow.name,
      nodes: workflow.nodes,
      connections: workflow.connections,
      settings: workflow.settings,
    });
    expect(status).toBe(201);
    const id = (body as { id?: unknown }).id;
    if (typeof id !== 'string') throw new Error('no workflow id');
    return id;
  }

  async function runAndWait(workflowId: string, payload: Record<string, unknown> = {}) {
    const { status, body } = await call('POST', `/api/v1/workflows/${workflowId}/run`, {
      ...payload,
      wait: true,
    });
    expect(status).toBe(200);
    return executionStartedSchema.parse(body);
  }

  it('runs a workflow by hand and waits for its items', async () => {
    const id = await createWorkflow(manualSetWorkflow());
    const result = await runAndWait(id, { input: { name: 'Ada' } });
    expect(result.status).toBe('success');
    expect(result.items).toEqual([{ json: { name: 'Ada', greeting: 'Hello Ada' }, pairedItem: { item: 0 } }]);
  });

  it('answers 202 with the id at once, and the execution opens with every node input and output', async () => {
    const id = await createWorkflow(manualSetWorkflow('Detail'));
    const started = await call('POST', `/api/v1/workflows/${id}/run`, {
      input: [{ name: 'A' }, { name: 'B' }],
    });
    expect(started.status).toBe(202);
    const { executionId } = executionStartedSchema.parse(started.body);
    await t.ctx.services.get('executions').store.findRow(executionId);
    await t.ctx.database.executions.flush();
    // The run is short; poll the API until it ended.
    let detail = executionDetailSchema.parse((await call('GET', `/api/v1/executions/${executionId}`)).body);
    for (let i = 0; i < 100 && detail.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      detail = executionDetailSchema.parse((await call('GET', `/api/v1/executions/${executionId}`)).body);
    }
    expect(detail).toMatchObject({
      id: executionId,
      workflowId: id,
      workflowVersion: 1,
      status: 'success',
      mode: 'manual',
      trigger: { kind: 'manual' },
      lastNodeExecuted: 'Set',
      waitingFor: null,
    });
    expect(detail.durationMs).toBeGreaterThanOrEqual(0);
    expect(detail.workflow?.nodes.map((n) => n.name)).toEqual(['Start', 'Set']);
    const set = detail.runData.Set?.[0];
    expect(set?.input.map((list) => list.map((i) => i.json))).toEqual([[{ name: 'A' }, { name: 'B' }]]);
    expect(set?.output[0]?.map((i) => i.json.greeting)).toEqual(['Hello A', 'Hello B']);
    expect(set?.source).toEqual([{ previousNode: 'Start', previousNodeOutput: 0, previousNodeRun: 0 }]);
  });

  it('lists with filters and cursor pagination', async () => {
    const a = await createWorkflow(manualSetWorkflow('List A'));
    const b = await createWorkflow(failingWorkflow('List B'));
    for (let i = 0; i < 3; i++) await runAndWait(a);
    await runAndWait(b);
    const before = new Date().toISOString();

    const all = executionPageSchema.parse((await call('GET', `/api/v1/executions?workflowId=${a}`)).body);
    expect(all.data).toHaveLength(3);
    expect(all.data.every((e) => e.workflowId === a && e.status === 'success')).toBe(true);

    const failed = executionPageSchema.parse((await call('GET', '/api/v1/executions?status=error')).body);
    expect(failed.data.map((e) => e.workflowId)).toContain(b);
    expect(failed.data.every((e) => e.status === 'error')).toBe(true);
    expect(failed.data.find((e) => e.workflowId === b)?.error).toMatchObject({
      message: 'boom',
      node: 'Fail',
    });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/executions?workflowId=${a}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = executionPageSchema.parse((await call('GET', url)).body);
      seen.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.data.map((e) => e.id));

    const later = executionPageSchema.parse(
      (await call('GET', `/api/v1/executions?workflowId=${a}&startedAfter=${encodeURIComponent(before)}`))
        .body,
    );
    expect(later.data).toEqual([]);
    const earlier = executionPageSchema.parse(
      (
        await call(
          'GET',
          `/api/v1/executions?mode=manual&startedBefore=${encodeURIComponent(before)}&limit=250`,
        )
      ).body,
    );
    expect(earlier.data.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses bad input with 4xx and a precise code', async () => {
    expect((await call('GET', '/api/v1/executions/nope')).body).toMatchObject({
      code: 'EXECUTION_NOT_FOUND',
    });
    expect((await call('GET', '/api/v1/executions/nope')).status).toBe(404);
    expect((await call('POST', '/api/v1/executions/nope/cancel')).status).toBe(404);
    expect((await call('POST', '/api/v1/executions/nope/retry', {})).status).toBe(404);
    expect((await call('DELETE', '/api/v1/executions/nope')).status).toBe(404);
    expect((await call('POST', '/api/v1/workflows/nope/run', {})).status).toBe(404);
    for (const query of ['status=done', 'mode=cron', 'limit=0', 'startedAfter=yesterday', 'cursor=abc']) {
      const { status, body } = await call('GET', `/api/v1/executions?${query}`);
      expect(status, query).toBe(400);
      expect(body).toHaveProperty('code');
    }
    const id = await createWorkflow(manualSetWorkflow('Bad input'));
    for (const payload of [{ wait: 'yes' }, { input: 'text' }, { destination: 5 }, { extra: true }]) {
      expect(
        (await call('POST', `/api/v1/workflows/${id}/run`, payload)).status,
        JSON.stringify(payload),
      ).toBe(400);
    }
    const unreachable = await call('POST', `/api/v1/workflows/${id}/run`, { destination: 'Nowhere' });
    expect(unreachable.status).toBe(400);
    const { executionId } = await runAndWait(id);
    const badRetry = await call('POST', `/api/v1/executions/${executionId}/retry`, { fromFailedNode: 1 });
    expect(badRetry.status).toBe(400);
  });

  it('refuses to cancel or retry a finished successful execution (409)', async () => {
    const id = await createWorkflow(manualSetWorkflow('Finished'));
    const { executionId } = await runAndWait(id);
    expect((await call('POST', `/api/v1/executions/${executionId}/cancel`)).status).toBe(409);
    const retry = await call('POST', `/api/v1/executions/${executionId}/retry`, {});
    expect(retry.status).toBe(409);
    expect(retry.body).toMatchObject({ code: 'EXECUTION_NOT_RETRYABLE' });
  });

  it('retries a failed execution from the start and from the failed node', async () => {
    const workflow = failingWorkflow('Retry me');
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
    const id = await createWorkflow(workflow);
    const failed = await runAndWait(id, { input: { n: 1 } });
    expect(failed.status).toBe('error');
    const original = executionDetailSchema.parse(
      (await call('GET', `/api/v1/executions/${failed.executionId}`)).body,
    );

    const again = await call('POST', `/api/v1/executions/${failed.executionId}/retry`, { wait: true });
    expect(again.status).toBe(200);
    const fromStart = executionStartedSchema.parse(again.body);
    const retried = executionDetailSchema.parse(
      (await call('GET', `/api/v1/executions/${fromStart.executionId}`)).body,
    );
    expect(retried).toMatchObject({ mode: 'retry', retryOf: failed.executionId, status: 'error' });
    expect(retried.runData.Start?.[0]?.output.map((list) => list.map((i) => i.json))).toEqual([[{ n: 1 }]]);
    expect(retried.runData.Mid?.[0]?.startTime).not.toBe(original.runData.Mid?.[0]?.startTime);

    const partial = executionStartedSchema.parse(
      (
        await call('POST', `/api/v1/executions/${failed.executionId}/retry`, {
          fromFailedNode: true,
          wait: true,
        })
      ).body,
    );
    const fromNode = executionDetailSchema.parse(
      (await call('GET', `/api/v1/executions/${partial.executionId}`)).body,
    );
    expect(fromNode.retryOf).toBe(failed.executionId);
    // Nodes before the failed one are not run again: their stored runs are reused as they were.
    expect(fromNode.runData.Mid?.[0]).toEqual(original.runData.Mid?.[0]);
    expect(fromNode.runData.Fail?.[0]?.startTime).toBeGreaterThanOrEqual(
      original.runData.Fail?.[0]?.startTime ?? 0,
    );
    expect(fromNode.runData.Fail?.[0]?.executionStatus).toBe('error');
  });

  it('cancels a waiting execution and deletes executions with their binary data', async () => {
    const id = await createWorkflow(waitWorkflow({ seconds: 3600 }, 'Cancel me'));
    const waiting = await runAndWait(id);
    expect(waiting.status).toBe('waiting');
    const detail = executionDetailSchema.parse(
      (await call('GET', `/api/v1/executions/${waiting.executionId}`)).body,
    );
    expect(detail.waitingFor).toEqual({ node: 'Wait', resumeOn: ['time'], resumeUrl: null });
    expect(detail.waitTill).not.toBeNull();

    const canceled = await call('POST', `/api/v1/executions/${waiting.executionId}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({ status: 'canceled', waitTill: null });
    expect((await call('POST', `/api/v1/executions/${waiting.executionId}/cancel`)).status).toBe(409);

    const runner = t.ctx.services.get('executions');
    await runner.binary.put(new TextEncoder().encode('hello'), {
      mimeType: 'text/plain',
      executionId: waiting.executionId,
    });
    const { readdir } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const dir = join(t.config.dataDir, 'binary');
    expect(await readdir(dir)).toContain(waiting.executionId);
    expect((await call('DELETE', `/api/v1/executions/${waiting.executionId}`)).status).toBe(204);
    expect((await call('GET', `/api/v1/executions/${waiting.executionId}`)).status).toBe(404);
    expect(await readdir(dir)).not.toContain(waiting.executionId);
  });

  it('starts the error workflow with the failed execution’s details', async () => {
    const errorFlow: Workflow = {
      name: 'On error',
      nodes: [
        {
          id: 'e1',
          name: 'Error Trigger',
          type: 'guixu.errorTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
      ],
      connections: {},
      settings: {},
    };
    const errorId = await createWorkflow(errorFlow);
    const failing = failingWorkflow('Fails with handler');
    failing.settings = { errorWorkflow: errorId };
    const id = await createWorkflow(failing);
    const failed = await runAndWait(id);
    let found: string | undefined;
    for (let i = 0; i < 100 && !found; i++) {
      const page = executionPageSchema.parse(
        (await call('GET', `/api/v1/executions?workflowId=${errorId}`)).body,
      );
      found = page.data.find((e) => e.status === 'success')?.id;
      if (!found) await new Promise((r) => setTimeout(r, 20));
    }
    if (!found) throw new Error('the error workflow did not run');
    const detail = executionDetailSchema.parse((await call('GET', `/api/v1/executions/${found}`)).body);
    expect(detail.mode).toBe('error');
    expect(detail.runData['Error Trigger']?.[0]?.output[0]?.[0]?.json).toEqual({
      execution: {
        id: failed.executionId,
        url: `${t.config.publicUrl}/api/v1/executions/${failed.executionId}`,
        retryOf: null,
        error: expect.objectContaining({ message: 'boom', node: 'Fail' }),
        lastNodeExecuted: 'Fail',
        mode: 'manual',
      },
      workflow: { id, name: 'Fails with handler' },
    });
  });

  it('runs a stored workflow as a sub-workflow and links the child to its parent', async () => {
    const child: Workflow = {
      name: 'Child',
      nodes: [
        {
          id: 'c1',
          name: 'When called',
          type: 'guixu.executeWorkflowTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: { inputSource: 'passthrough' },
        },
        {
          id: 'c2',
          name: 'Double',
          type: 'guixu.set',
          typeVersion: 1,
          position: [200, 0],
          parameters: {
            mode: 'manual',
            includeOtherFields: true,
            assignments: {
              assignments: [{ id: 'd', name: 'double', type: 'number', value: '={{ $json.n * 2 }}' }],
            },
          },
        },
      ],
      connections: { 'When called': { main: [[{ node: 'Double', type: 'main', index: 0 }]] } },
      settings: {},
    };
    const childId = await createWorkflow(child);
    const parent: Workflow = {
      name: 'Parent',
      nodes: [
        {
          id: 'p1',
          name: 'Start',
          type: 'guixu.manualTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
        {
          id: 'p2',
          name: 'Call child',
          type: 'guixu.executeWorkflow',
          typeVersion: 1,
          position: [200, 0],
          parameters: { source: 'database', workflowId: childId },
        },
      ],
      connections: { Start: { main: [[{ node: 'Call child', type: 'main', index: 0 }]] } },
      settings: {},
    };
    const parentId = await createWorkflow(parent);
    const result = await runAndWait(parentId, { input: { n: 21 } });
    expect(result.status).toBe('success');
    expect(result.items?.map((i) => i.json)).toEqual([{ n: 21, double: 42 }]);
    const children = executionPageSchema.parse(
      (await call('GET', `/api/v1/executions?workflowId=${childId}`)).body,
    );
    expect(children.data).toHaveLength(1);
    expect(children.data[0]).toMatchObject({
      mode: 'subworkflow',
      status: 'success',
      parentExecutionId: result.executionId,
    });

    // Without waiting, the parent passes its items through and the child runs on its own.
    parent.nodes[1].parameters.options = { waitForSubWorkflow: false };
    const noWaitId = await createWorkflow({ ...parent, name: 'Parent, no wait' });
    const passed = await runAndWait(noWaitId, { input: { n: 1 } });
    expect(passed.items?.map((i) => i.json)).toEqual([{ n: 1 }]);
    let child2: string | undefined;
    for (let i = 0; i < 100 && !child2; i++) {
      const page = executionPageSchema.parse(
        (await call('GET', `/api/v1/executions?workflowId=${childId}`)).body,
      );
      child2 = page.data.find(
        (e) => e.parentExecutionId === passed.executionId && e.status === 'success',
      )?.id;
      if (!child2) await new Promise((r) => setTimeout(r, 20));
    }
    expect(child2).toBeDefined();
  });

  it('cancels a running execution at once and counts executions in /metrics', async () => {
    const id = await createWorkflow(slowWorkflow(2, 5000, 'Slow to cancel'));
    const started = executionStartedSchema.parse(
      (await call('POST', `/api/v1/workflows/${id}/run`, {})).body,
    );
    const runner = t.ctx.services.get('executions');
    expect(runner.isActive(started.executionId)).toBe(true);
    const canceled = await call('POST', `/api/v1/executions/${started.executionId}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({ status: 'canceled' });
    const detail = executionDetailSchema.parse(
      (await call('GET', `/api/v1/executions/${started.executionId}`)).body,
    );
    expect(detail.status).toBe('canceled');
    expect(detail.runData['Step 2']).toBeUndefined();

    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/guixu_executions_total\{status="canceled",mode="manual"\} [1-9]/);
    expect(metrics.body).toMatch(
      /guixu_node_duration_seconds_count\{type="guixu.manualTrigger",status="success"\} [1-9]/,
    );
    expect(metrics.body).toContain('guixu_executions_running 0');
  });

  it('shows the OpenAPI operations of executions', async () => {
    const { body } = await call('GET', '/api/v1/openapi.json');
    const paths = (body as { paths: Record<string, unknown> }).paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/executions',
        '/api/v1/executions/{id}',
        '/api/v1/executions/{id}/cancel',
        '/api/v1/executions/{id}/retry',
        '/api/v1/workflows/{id}/run',
      ]),
    );
  });
});
