import { executionDetailSchema, executionPageSchema, executionStartedSchema } from '@guixu/api';
import type { Workflow } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chain, node, setNode } from '../features/webhooks/webhook-test-kit.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { BACKENDS } from '../testing/test-database.ts';
import {
  addMember,
  createProject,
  createUser,
  type Identity,
  json,
  setupOwner,
} from './testing/identities.ts';

/** Finding 2 of issue 8: a workflow reaches another workflow only within its project or where it was shared. */

/** Execute Workflow Trigger → Set `leak` to the project's secret variable. */
const secretChild: Workflow = {
  name: 'B child',
  nodes: [
    node('When called', 'guixu.executeWorkflowTrigger', { inputSource: 'passthrough' }),
    setNode('Leak', 'leak', '={{ $vars.SECRET }}'),
  ],
  connections: chain(['When called', 'Leak']),
  settings: {},
};

const errorHandler: Workflow = {
  name: 'B error handler',
  nodes: [node('Error Trigger', 'guixu.errorTrigger', {})],
  connections: {},
  settings: {},
};

function caller(name: string, parameters: Record<string, unknown>): Workflow {
  return {
    name,
    nodes: [node('Start', 'guixu.manualTrigger', {}), node('Call', 'guixu.executeWorkflow', parameters)],
    connections: chain(['Start', 'Call']),
    settings: {},
  };
}

function failing(name: string, errorWorkflow: string): Workflow {
  return {
    name,
    nodes: [
      node('Start', 'guixu.manualTrigger', {}),
      node('Fail', 'guixu.stopAndError', { errorType: 'errorMessage', errorMessage: 'boom' }),
    ],
    connections: chain(['Start', 'Fail']),
    settings: { errorWorkflow },
  };
}

describe.each(BACKENDS)('workflow calls across projects on %s', (kind) => {
  let t: TestApp;
  let owner: Identity;
  let alice: Identity;
  let projectA = '';
  let projectB = '';
  let childB = '';
  let errorB = '';
  const missing = 'wf-does-not-exist';

  async function post(who: Identity, url: string, payload: unknown) {
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: who.headers,
      payload: payload as Record<string, unknown>,
    });
    return { status: res.statusCode, body: json(res) };
  }

  async function create(who: Identity, projectId: string, workflow: Workflow) {
    return post(who, '/api/v1/workflows', { ...workflow, projectId });
  }

  async function created(who: Identity, projectId: string, workflow: Workflow): Promise<string> {
    const res = await create(who, projectId, workflow);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = (res.body as { id?: unknown }).id;
    if (typeof id !== 'string') throw new Error('no workflow id');
    return id;
  }

  async function run(who: Identity, workflowId: string) {
    const res = await post(who, `/api/v1/workflows/${workflowId}/run`, { wait: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return executionStartedSchema.parse(res.body);
  }

  async function share(workflowId: string, projectId: string, on: boolean) {
    const res = await t.app.inject({
      method: on ? 'PUT' : 'DELETE',
      url: `/api/v1/shares/workflow/${workflowId}/${projectId}`,
      headers: owner.headers,
      ...(on ? { payload: { access: 'read' } } : {}),
    });
    expect(res.statusCode, res.body).toBe(on ? 200 : 204);
  }

  /** The failed executions an error workflow was started for, as the owner sees them. */
  async function handledFailures(handler: string): Promise<string[]> {
    const page = executionPageSchema.parse(
      json(await t.app.inject({ url: `/api/v1/executions?workflowId=${handler}`, headers: owner.headers })),
    );
    const ids: string[] = [];
    for (const execution of page.data) {
      const detail = executionDetailSchema.parse(
        json(await t.app.inject({ url: `/api/v1/executions/${execution.id}`, headers: owner.headers })),
      );
      const item = detail.runData['Error Trigger']?.[0]?.output[0]?.[0]?.json as
        | { execution?: { id?: string } }
        | undefined;
      if (item?.execution?.id) ids.push(item.execution.id);
    }
    return ids;
  }

  async function waitForHandled(handler: string, executionId: string): Promise<string[]> {
    for (let i = 0; i < 400; i++) {
      const ids = await handledFailures(handler);
      if (ids.includes(executionId)) return ids;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`the error workflow did not run for ${executionId}`);
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await setupOwner(t.app);
    alice = await createUser(t.app, owner, `alice-${kind}@example.com`);
    projectA = await createProject(t.app, owner, 'A');
    projectB = await createProject(t.app, owner, 'B');
    await addMember(t.app, owner, projectA, alice.userId, 'editor');
    const variable = await post(owner, '/api/v1/variables', {
      projectId: projectB,
      key: 'SECRET',
      value: 'b-secret-value',
      secret: true,
    });
    expect(variable.status).toBe(201);
    childB = await created(owner, projectB, secretChild);
    errorB = await created(owner, projectB, errorHandler);
  }, 60_000);
  afterAll(async () => t.dispose());

  it('refuses to save a call to another project’s workflow, naming the node, the same as for a missing one', async () => {
    const foreign = await create(
      alice,
      projectA,
      caller('Calls B', { source: 'database', workflowId: childB }),
    );
    const absent = await create(
      alice,
      projectA,
      caller('Calls nothing', { source: 'database', workflowId: missing }),
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({
      code: 'WORKFLOW_REFERENCE_INVALID',
      details: { workflowId: childB },
    });
    expect(JSON.stringify(foreign.body)).toContain('Node \\"Call\\", parameter \\"workflowId\\"');
    expect(absent.status).toBe(400);
    const text = (body: unknown, id: string) => {
      const { requestId: _requestId, ...rest } = body as Record<string, unknown>;
      return JSON.stringify(rest).replaceAll(id, '<id>');
    };
    expect(text(foreign.body, childB)).toBe(text(absent.body, missing));
    // n8n's resource-locator form names it just the same.
    const locator = await create(
      alice,
      projectA,
      caller('Calls B by locator', {
        source: 'database',
        workflowId: { __rl: true, mode: 'id', value: childB },
      }),
    );
    expect(locator.status).toBe(400);
  });

  it('refuses to save an error workflow of another project, naming the setting', async () => {
    const res = await create(alice, projectA, failing('Fails into B', errorB));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'WORKFLOW_REFERENCE_INVALID',
      details: { workflowId: errorB, setting: 'errorWorkflow' },
    });
  });

  it('at run time an id from an expression reaches neither the workflow nor its project’s secret', async () => {
    const foreign = await created(
      alice,
      projectA,
      caller('Calls B at run time', { source: 'database', workflowId: `={{ "${childB}" }}` }),
    );
    const absent = await created(
      alice,
      projectA,
      caller('Calls nothing at run time', { source: 'database', workflowId: `={{ "${missing}" }}` }),
    );
    const refused = await run(alice, foreign);
    const notFound = await run(alice, absent);
    expect(refused.status).toBe('error');
    expect(refused.error).toMatchObject({ code: 'SUBWORKFLOW_NOT_FOUND', node: 'Call' });
    expect(JSON.stringify(refused)).not.toContain('b-secret-value');
    expect(refused.error?.message.replaceAll(childB, '<id>')).toBe(
      notFound.error?.message.replaceAll(missing, '<id>'),
    );
  });

  it('a workflow given inline runs in the caller’s project and cannot call another project’s workflow either', async () => {
    const inline: Workflow = caller('Inline', { source: 'database', workflowId: childB });
    inline.nodes.push(setNode('Vars', 'own', '={{ $vars.SECRET ?? "none" }}'));
    inline.connections = chain(['Start', 'Vars']);
    const outer = await created(
      alice,
      projectA,
      caller('Runs a document', { source: 'parameter', workflowJson: inline }),
    );
    const res = await run(alice, outer);
    expect(JSON.stringify(res)).not.toContain('b-secret-value');
    expect(res.status).toBe('success');
    expect(res.items?.[0]?.json).toMatchObject({ own: 'none' });
    inline.connections = chain(['Start', 'Call']);
    const direct = await created(
      alice,
      projectA,
      caller('Runs a document that calls B', { source: 'parameter', workflowJson: inline }),
    );
    const refused = await run(alice, direct);
    expect(refused.status).toBe('error');
    expect(JSON.stringify(refused)).toContain('SUBWORKFLOW_NOT_FOUND');
    expect(JSON.stringify(refused)).not.toContain('b-secret-value');
  });

  it('calls a workflow of its own project, and one shared into it', async () => {
    const own = await created(owner, projectA, { ...secretChild, name: 'A child' });
    const callsOwn = await created(
      alice,
      projectA,
      caller('Calls A', { source: 'database', workflowId: own }),
    );
    expect((await run(alice, callsOwn)).status).toBe('success');
    await share(childB, projectA, true);
    const callsShared = await created(
      alice,
      projectA,
      caller('Calls shared B', { source: 'database', workflowId: childB }),
    );
    const res = await run(alice, callsShared);
    expect(res.status).toBe('success');
    await share(childB, projectA, false);
    // Unshared again: the saved workflow now fails at run time with the same answer as a missing one.
    const after = await run(alice, callsShared);
    expect(after.error).toMatchObject({ code: 'SUBWORKFLOW_NOT_FOUND' });
  });

  it('a child that waits runs only where shared, in its own project, and resumes its parent in the parent’s', async () => {
    const waitingChild: Workflow = {
      name: 'B child that waits',
      nodes: [
        node('When called', 'guixu.executeWorkflowTrigger', { inputSource: 'passthrough' }),
        node('Wait', 'guixu.wait', { resume: 'webhook', httpMethod: 'POST', responseMode: 'onReceived' }),
        setNode('Leak', 'leak', '={{ $vars.SECRET }}'),
      ],
      connections: chain(['When called', 'Wait', 'Leak']),
      settings: {},
    };
    const childId = await created(owner, projectB, waitingChild);
    const callsIt = await created(
      alice,
      projectA,
      caller('Calls a waiting B', { source: 'database', workflowId: `={{ "${childId}" }}` }),
    );
    const refused = await run(alice, callsIt);
    expect(refused.error).toMatchObject({ code: 'SUBWORKFLOW_NOT_FOUND', node: 'Call' });
    const links = () =>
      t.ctx.database.db
        .selectFrom('subworkflow_waits')
        .selectAll()
        .where('parent_execution_id', '=', refused.executionId)
        .execute();
    expect(await links()).toEqual([]);

    await share(childId, projectA, true);
    const waiting = await run(alice, callsIt);
    expect(waiting.status).toBe('waiting');
    const link = await t.ctx.database.db
      .selectFrom('subworkflow_waits')
      .selectAll()
      .where('parent_execution_id', '=', waiting.executionId)
      .executeTakeFirstOrThrow();
    const store = t.ctx.services.get('executions').store;
    expect((await store.findRow(link.child_execution_id))?.project_id).toBe(projectB);
    // Unsharing while it waits does not strand the parent: the child already runs.
    await share(childId, projectA, false);
    const resumed = await t.app.inject({
      method: 'POST',
      url: `/webhook-waiting/${link.child_execution_id}`,
      payload: {},
    });
    expect(resumed.statusCode).toBe(200);
    let done = await store.findRow(waiting.executionId);
    for (let i = 0; i < 600 && done?.status === 'waiting'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      done = await store.findRow(waiting.executionId);
    }
    for (let i = 0; i < 600 && done?.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      done = await store.findRow(waiting.executionId);
    }
    expect(done).toMatchObject({ status: 'success', project_id: projectA });
    // The child ran with its own project's variables (as a synchronous call of a shared workflow does).
    const state = await store.loadState(waiting.executionId);
    expect(state.runData.Call?.[0]?.data?.main[0]?.[0]?.json).toMatchObject({ leak: 'b-secret-value' });
  });

  it('does not start another project’s error workflow once it is no longer shared', async () => {
    await share(errorB, projectA, true);
    const id = await created(alice, projectA, failing('Fails into shared B', errorB));
    const first = await run(alice, id);
    expect(first.status).toBe('error');
    await waitForHandled(errorB, first.executionId);
    await share(errorB, projectA, false);
    const second = await run(alice, id);
    expect(second.status).toBe('error');
    // A later failure in A with A's own error workflow is handled: by then the second one would have been too.
    const handlerA = await created(owner, projectA, { ...errorHandler, name: 'A error handler' });
    const later = await run(alice, await created(alice, projectA, failing('Fails into A', handlerA)));
    await waitForHandled(handlerA, later.executionId);
    expect(await handledFailures(errorB)).toEqual([first.executionId]);
  });
});
