import { executionDetailSchema, executionStartedSchema } from '@guixu/api';
import type { JsonObject, Workflow, WorkflowNode } from '@guixu/core';
import { FsBinaryStore } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { BACKENDS } from '../testing/test-database.ts';
import { recoverOrphans } from './recovery.ts';
import { InProcessRunner } from './runner.ts';
import { trackBinaryWrites } from './tracked-binary-store.ts';

const silent = { warn: () => {}, error: () => {} };
let unique = 0;
const node = (
  name: string,
  type: string,
  parameters: Record<string, unknown>,
  extra: Partial<WorkflowNode> = {},
) => ({
  id: `n${++unique}`,
  name,
  type,
  typeVersion: 1,
  position: [unique * 100, 0] as [number, number],
  parameters,
  ...extra,
});
const chain = (names: string[]) =>
  Object.fromEntries(
    names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
  );
const set = (name: string, field: string, value: string) =>
  node(name, 'guixu.set', {
    mode: 'manual',
    includeOtherFields: true,
    assignments: { assignments: [{ id: field, name: field, type: 'string', value }] },
  });
const called = () => node('Called', 'guixu.executeWorkflowTrigger', { inputSource: 'passthrough' });
const webhookWait = () =>
  node('Wait', 'guixu.wait', { resume: 'webhook', httpMethod: 'POST', responseMode: 'onReceived' });

/** Called → Wait (webhook, or `seconds`) → a last node (Mark, or a failing one). */
function childWorkflow(name: string, options: { seconds?: number; fails?: boolean } = {}): Workflow {
  const wait =
    options.seconds === undefined
      ? webhookWait()
      : node('Wait', 'guixu.wait', { resume: 'timeInterval', amount: options.seconds, unit: 'seconds' });
  const last = options.fails
    ? node('Fail', 'guixu.stopAndError', { errorType: 'errorMessage', errorMessage: 'boom after the wait' })
    : set('Mark', 'child', '=done');
  return {
    name,
    nodes: [called(), wait, last],
    connections: chain(['Called', 'Wait', last.name]),
    settings: {},
  };
}

/** Start → Call (Execute Workflow of `childId`) → After. */
function parentWorkflow(
  name: string,
  childId: string,
  call: Partial<WorkflowNode> & { mode?: 'each' } = {},
): Workflow {
  const { mode, ...extra } = call;
  return {
    name,
    nodes: [
      node('Start', 'guixu.manualTrigger', {}),
      node(
        'Call',
        'guixu.executeWorkflow',
        { source: 'database', workflowId: childId, ...(mode ? { mode } : {}) },
        extra,
      ),
      set('After', 'after', '=yes'),
    ],
    connections: chain(['Start', 'Call', 'After']),
    settings: {},
  };
}

describe.each(BACKENDS)('sub-workflows that wait on %s', { timeout: 120_000 }, (kind) => {
  let t: TestApp;
  let runner: InProcessRunner;

  beforeAll(async () => {
    t = await createTestApp(kind);
    runner = t.ctx.services.get('executions');
  });
  afterAll(async () => t.dispose());

  async function json(method: 'GET' | 'POST', url: string, payload?: unknown) {
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
  const create = async (workflow: Workflow) =>
    z.object({ id: z.string() }).parse((await json('POST', '/api/v1/workflows', workflow)).body).id;
  const run = async (workflowId: string, input: unknown) =>
    executionStartedSchema.parse(
      (await json('POST', `/api/v1/workflows/${workflowId}/run`, { wait: true, input })).body,
    );
  const detail = async (id: string) =>
    executionDetailSchema.parse((await json('GET', `/api/v1/executions/${id}`)).body);
  /** Polls (generously: the CI is a loaded 2-core machine) until the execution has one of `statuses`. */
  async function settled(id: string, statuses: string[] = ['success', 'error', 'canceled']) {
    let state = await detail(id);
    for (let i = 0; i < 600 && !statuses.includes(state.status); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = await detail(id);
    }
    return state;
  }
  const linksOf = (parentId: string) =>
    t.ctx.database.db
      .selectFrom('subworkflow_waits')
      .selectAll()
      .where('parent_execution_id', '=', parentId)
      .orderBy('created_at')
      .execute();
  async function childOf(parentId: string): Promise<string> {
    const links = await linksOf(parentId);
    const last = links[links.length - 1];
    if (!last) throw new Error(`no child waits for ${parentId}`);
    return last.child_execution_id;
  }
  const resumeChild = async (childId: string, body: unknown) =>
    expect((await json('POST', `/webhook-waiting/${childId}`, body)).status).toBe(200);
  const outputOf = (state: Awaited<ReturnType<typeof detail>>, name: string) =>
    state.runData[name]?.[0]?.output[0]?.map((item) => item.json);

  it('suspends the parent durably and resumes it with the child output when the child resumes (webhook)', async () => {
    const childId = await create(childWorkflow('Webhook child'));
    const parentId = await create(parentWorkflow('Waits for a webhook child', childId));
    const started = await run(parentId, { n: 1 });
    expect(started.status).toBe('waiting');
    const parent = await detail(started.executionId);
    expect(parent.waitingFor).toMatchObject({ node: 'Call', resumeOn: ['subworkflow'] });
    const links = await linksOf(started.executionId);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ parent_node: 'Call', parent_run_index: 0, item_index: null });
    const child = await detail(links[0].child_execution_id);
    expect(child).toMatchObject({
      status: 'waiting',
      mode: 'subworkflow',
      parentExecutionId: started.executionId,
    });

    // Only the child's end resumes it: a call to its resume URL does not.
    const forged = await json('POST', `/webhook-waiting/${started.executionId}`, { forged: true });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect((await detail(started.executionId)).status).toBe('waiting');

    await resumeChild(links[0].child_execution_id, { v: 7 });
    const done = await settled(started.executionId);
    expect(done.status).toBe('success');
    expect(done.runData.Call).toHaveLength(1);
    expect(outputOf(done, 'After')).toEqual([
      expect.objectContaining({ body: { v: 7 }, child: 'done', after: 'yes' }),
    ]);
    // Exactly once: one more resume finds nothing waiting.
    expect(await runner.subWorkflowWaits.scan()).toBe(0);
  });

  it('resumes after a time wait of the child', async () => {
    const childId = await create(childWorkflow('Timed child', { seconds: 1 }));
    const parentId = await create(parentWorkflow('Waits for a timed child', childId));
    const started = await run(parentId, { n: 2 });
    expect(started.status).toBe('waiting');
    const done = await settled(started.executionId);
    expect(done.status).toBe('success');
    expect(outputOf(done, 'After')).toEqual([{ n: 2, child: 'done', after: 'yes' }]);
  });

  it('fails the parent node when the child fails, honouring its onError setting', async () => {
    const childId = await create(childWorkflow('Failing child', { fails: true }));
    const stops = await run(await create(parentWorkflow('Stops', childId)), {});
    await resumeChild(await childOf(stops.executionId), {});
    const failed = await settled(stops.executionId);
    expect(failed.status).toBe('error');
    expect(failed.error).toMatchObject({ code: 'SUBWORKFLOW_FAILED', node: 'Call' });
    expect(failed.error?.message).toContain('in node "Fail": boom after the wait');

    const goesOn = await run(
      await create(parentWorkflow('Continues', childId, { onError: 'continueRegularOutput' })),
      {},
    );
    await resumeChild(await childOf(goesOn.executionId), {});
    const continued = await settled(goesOn.executionId);
    expect(continued.status).toBe('success');
    expect(String(outputOf(continued, 'After')?.[0]?.error)).toContain('boom after the wait');
  });

  it('cancels the waiting child with its parent, and fails the parent node when the child is canceled', async () => {
    const childId = await create(childWorkflow('Child to cancel'));
    const parentId = await create(parentWorkflow('Parent to cancel', childId));
    const first = await run(parentId, {});
    const firstChild = await childOf(first.executionId);
    await runner.cancel(first.executionId);
    expect((await detail(first.executionId)).status).toBe('canceled');
    expect((await detail(firstChild)).status).toBe('canceled');

    const second = await run(parentId, {});
    const secondChild = await childOf(second.executionId);
    await runner.cancel(secondChild);
    const failed = await settled(second.executionId);
    expect(failed.status).toBe('error');
    expect(failed.error).toMatchObject({
      code: 'SUBWORKFLOW_CANCELED',
      node: 'Call',
      message: `The sub-workflow execution ${secondChild} was canceled before it finished`,
    });
  });

  it('fails the parent node when its waiting child is deleted, and deletes the child a deleted parent waited for', async () => {
    const childId = await create(childWorkflow('Child to delete'));
    const parentId = await create(parentWorkflow('Parent of a deleted child', childId));
    const remove = async (id: string) =>
      expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/executions/${id}` })).statusCode).toBe(
        204,
      );

    const first = await run(parentId, {});
    const firstChild = await childOf(first.executionId);
    await remove(firstChild);
    const failed = await settled(first.executionId);
    expect(failed.status).toBe('error');
    // Canceled when the parent read the child before the delete went through, gone when after.
    expect(failed.error).toMatchObject(
      failed.error?.code === 'SUBWORKFLOW_CANCELED'
        ? {
            node: 'Call',
            message: `The sub-workflow execution ${firstChild} was canceled before it finished`,
          }
        : {
            code: 'SUBWORKFLOW_FAILED',
            node: 'Call',
            message: `Sub-workflow execution ${firstChild} failed: The sub-workflow execution ${firstChild} no longer exists`,
          },
    );

    const second = await run(parentId, {});
    const secondChild = await childOf(second.executionId);
    await remove(second.executionId);
    expect((await detail(secondChild)).status).toBe('canceled');
    expect(await runner.subWorkflowWaits.scan()).toBe(0);
  });

  it('works nested (a grandchild waits) and in "once for each item" mode', async () => {
    const grandchildId = await create(childWorkflow('Grandchild'));
    const middleId = await create({
      name: 'Middle',
      nodes: [
        called(),
        node('Call grandchild', 'guixu.executeWorkflow', { source: 'database', workflowId: grandchildId }),
        set('Middle mark', 'middle', '=yes'),
      ],
      connections: chain(['Called', 'Call grandchild', 'Middle mark']),
      settings: {},
    });
    const top = await run(await create(parentWorkflow('Top', middleId)), { n: 3 });
    expect(top.status).toBe('waiting');
    const middle = await childOf(top.executionId);
    expect((await detail(middle)).status).toBe('waiting');
    await resumeChild(await childOf(middle), { level: 'grandchild' });
    const done = await settled(top.executionId);
    expect(done.status).toBe('success');
    expect(outputOf(done, 'After')).toEqual([
      expect.objectContaining({ body: { level: 'grandchild' }, child: 'done', middle: 'yes', after: 'yes' }),
    ]);

    const childId = await create(childWorkflow('Per item'));
    const each = await run(await create(parentWorkflow('Each', childId, { mode: 'each' })), [
      { i: 0 },
      { i: 1 },
    ]);
    const one = await childOf(each.executionId);
    await resumeChild(one, { item: 0 });
    await settled(one);
    // The parent resumes, calls the child for the second item, and waits again.
    let links = await linksOf(each.executionId);
    for (let i = 0; i < 600 && links.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      links = await linksOf(each.executionId);
    }
    expect(links.map((link) => link.item_index)).toEqual([0, 1]);
    await resumeChild(links[1].child_execution_id, { item: 1 });
    const both = await settled(each.executionId);
    expect(both.status).toBe('success');
    expect(both.runData.Call).toHaveLength(1);
    expect(outputOf(both, 'Call')?.map((json) => json.body)).toEqual([{ item: 0 }, { item: 1 }]);
  });

  /**
   * Ends a waiting child the way a process that dies right after would: a runner of the same
   * database that does not listen for ended children (after a kill, nothing in memory survives).
   */
  async function endChildElsewhere(child: string, body: JsonObject) {
    const workflows = t.ctx.services.get('workflows');
    const crashed = new InProcessRunner({
      database: t.ctx.database,
      registry: t.ctx.registry,
      binary: trackBinaryWrites(new FsBinaryStore(t.config.dataDir)),
      log: silent,
      instanceId: `crashed-${kind}`,
      publicUrl: t.config.publicUrl,
      maxConcurrency: 2,
      maxPending: 10,
      async loadWorkflow(id, version) {
        const stored = await workflows.getVersion(id, version ?? (await workflows.get(id)).version);
        const { tags: _tags, ...document } = stored.workflow;
        return { workflow: { ...document, id }, version: stored.version };
      },
    });
    const handle = await crashed.resume(child, { reason: 'webhook', items: [{ json: { body } }] });
    expect((await handle.finished).status).toBe('success');
    await crashed.close();
  }

  it('resumes the parent exactly once from the scan after a crash between the child ending and the parent resuming', async () => {
    const childId = await create(childWorkflow('Crash child'));
    const started = await run(await create(parentWorkflow('Crash parent', childId)), { n: 4 });
    await endChildElsewhere(await childOf(started.executionId), { crash: true });

    // What the next start runs (features/waiting: the wait scan), twice at once: one resume wins.
    const resumed = await Promise.all([runner.subWorkflowWaits.scan(), runner.subWorkflowWaits.scan()]);
    expect(resumed[0] + resumed[1]).toBeLessThanOrEqual(1);
    const done = await settled(started.executionId);
    expect(done.status).toBe('success');
    expect(done.runData.Call).toHaveLength(1);
    expect(done.runData.After).toHaveLength(1);
    expect(outputOf(done, 'After')).toEqual([
      expect.objectContaining({ body: { crash: true }, child: 'done' }),
    ]);
  });

  it('resumes the parent when the process died after claiming it, before its resume was recorded', async () => {
    const childId = await create(childWorkflow('Claim child'));
    const started = await run(await create(parentWorkflow('Claimed parent', childId)), { n: 5 });
    await endChildElsewhere(await childOf(started.executionId), { claimed: true });
    // The dead process had claimed the parent (status running, its instance id) and wrote nothing more.
    expect(await runner.store.claimWaiting(started.executionId, `dead-${kind}`)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Crash recovery continues it from its checkpoints: it is still waiting there, so it goes back
    // to waiting, and the parent's own suspension finds its child ended and resumes it.
    const log = { ...silent, info: () => {} };
    const recovered = await recoverOrphans(runner, log, { staleAfterMs: 0, includeOwn: false });
    expect(recovered).toContain(started.executionId);
    const done = await settled(started.executionId);
    expect(done.status).toBe('success');
    expect(done.runData.Call).toHaveLength(1);
    expect(outputOf(done, 'After')).toEqual([
      expect.objectContaining({ body: { claimed: true }, child: 'done' }),
    ]);
  });
});
