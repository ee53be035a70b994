import type { Workflow } from '@guixu/core';
import { z } from 'zod';
import { failingWorkflow, waitWorkflow } from '../../runner/test-workflows.ts';
import { webhookWorkflow } from '../../testing/sample-workflows.ts';
import { type Identity, json } from './identities.ts';
import { cells, createAs, type MatrixCase, type World } from './isolation-matrix.ts';
import { pushAnswer } from './push-probe.ts';
import { fail, unique } from './security-cases.ts';

// Shapes of the answers for resources of project A (see security-cases.ts for the personas).
const readInA = cells('allow', { bEditor: 404, anonymous: 401 });
const writeInA = cells('allow', { aViewer: 403, bEditor: 404, anonymous: 401, aEditorReadKey: 403 });
const anyUser = cells('allow', { anonymous: 401 });
/** Signed-in users whose key (if any) lacks the resource's scope: the read-only key has no tag/nodeType scopes. */
const anyUserNoKey = cells('allow', { anonymous: 401, aEditorReadKey: 403 });
/** Viewers only (aViewer is a viewer in A and admin of nothing but their personal project) may not write tags. */
const tagWriters = cells('allow', { aViewer: 403, anonymous: 401, aEditorReadKey: 403 });

const owner = (w: World): Identity => w.who.owner ?? fail();

const documentOf = (workflow: Workflow) => ({
  name: workflow.name,
  nodes: workflow.nodes,
  connections: workflow.connections,
  settings: workflow.settings ?? {},
});

/** A workflow in project A, created by the owner; a webhook one by default. */
async function workflowInA(w: World, workflow: Record<string, unknown> = webhookPayload()): Promise<string> {
  return createAs(w.app, owner(w), '/api/v1/workflows', { ...workflow, projectId: w.projectA });
}

const webhookPayload = (name = unique('Hook ')) => webhookWorkflow(name, unique('matrix-hook-'));

async function post(w: World, url: string, payload: Record<string, unknown> = {}): Promise<unknown> {
  const res = await w.app.inject({ method: 'POST', url, headers: owner(w).headers, payload });
  if (res.statusCode >= 300) throw new Error(`seed POST ${url} failed: ${res.statusCode} ${res.body}`);
  return json(res);
}

const started = z.object({ executionId: z.string() });

/** Runs a workflow to its end (or its Wait) as the owner and returns the execution id. */
async function runToEnd(w: World, workflowId: string): Promise<string> {
  return started.parse(await post(w, `/api/v1/workflows/${workflowId}/run`, { wait: true })).executionId;
}

/** The resources of project A the workflow, execution and webhook cases act on. */
export async function seedWorkflowResources(w: World): Promise<Record<string, string>> {
  const workflow = await workflowInA(w);
  await w.app.inject({
    method: 'PATCH',
    url: `/api/v1/workflows/${workflow}`,
    headers: owner(w).headers,
    payload: { name: 'Matrix workflow v2' },
  });
  const failing = await workflowInA(w, documentOf(failingWorkflow('Matrix fails')));
  const waiting = await workflowInA(w, documentOf(waitWorkflow({ webhook: true }, 'Matrix waits')));
  const tag = await createAs(w.app, owner(w), '/api/v1/tags', { name: unique('matrix-tag-') });
  return { workflow, failing, waiting, failedExecution: await runToEnd(w, failing), tag };
}

const freshWorkflow = async (w: World) => ({ fresh: await workflowInA(w) });
const freshActive = async (w: World) => {
  const fresh = await workflowInA(w);
  await post(w, `/api/v1/workflows/${fresh}/activate`);
  return { fresh };
};
const freshDeleted = async (w: World) => {
  const fresh = await workflowInA(w);
  await w.app.inject({ method: 'DELETE', url: `/api/v1/workflows/${fresh}`, headers: owner(w).headers });
  return { fresh };
};
const freshTag = async (w: World) => ({
  fresh: await createAs(w.app, owner(w), '/api/v1/tags', { name: unique('tag-') }),
});

const wf = (path = '') => ({
  url: (_w: World, ids: Record<string, string>) => `/api/v1/workflows/${ids.workflow}${path}`,
});
const fresh = (path = '') => ({
  url: (_w: World, ids: Record<string, string>) => `/api/v1/workflows/${ids.fresh}${path}`,
});

/** The route × role matrix for workflows, versions, runs, executions, webhooks, tags, node types and push. */
export const WORKFLOW_CASES: MatrixCase[] = [
  { route: 'GET /api/v1/workflows', url: () => '/api/v1/workflows', expect: anyUser },
  {
    route: 'POST /api/v1/workflows',
    url: () => '/api/v1/workflows',
    payload: (w) => ({ name: unique('Created '), projectId: w.projectA }),
    expect: writeInA,
  },
  {
    route: 'POST /api/v1/workflows/import',
    url: () => '/api/v1/workflows/import',
    payload: (w) => ({ workflow: { name: 'Imported', nodes: [], connections: {} }, projectId: w.projectA }),
    expect: writeInA,
  },
  {
    // Saves nothing: converting is offered to whoever may create workflows (in their personal project).
    route: 'POST /api/v1/workflows/convert',
    url: () => '/api/v1/workflows/convert',
    payload: () => ({ workflow: { nodes: [], connections: {} } }),
    expect: anyUserNoKey,
  },
  { route: 'GET /api/v1/workflows/:id', ...wf(), expect: readInA },
  {
    route: 'PATCH /api/v1/workflows/:id',
    ...wf(),
    payload: () => ({ name: unique('Renamed ') }),
    expect: writeInA,
  },
  { route: 'DELETE /api/v1/workflows/:id', ...fresh(), fresh: freshWorkflow, expect: writeInA },
  {
    route: 'POST /api/v1/workflows/:id/restore',
    ...fresh('/restore'),
    fresh: freshDeleted,
    expect: writeInA,
  },
  {
    route: 'POST /api/v1/workflows/:id/duplicate',
    ...wf('/duplicate'),
    payload: () => ({}),
    // The copy goes to the caller's personal project: anyone who sees the workflow may copy it there.
    expect: cells('allow', { bEditor: 404, anonymous: 401, aEditorReadKey: 403 }),
  },
  {
    route: 'POST /api/v1/workflows/:id/activate',
    ...fresh('/activate'),
    fresh: freshWorkflow,
    expect: writeInA,
  },
  {
    route: 'POST /api/v1/workflows/:id/deactivate',
    ...fresh('/deactivate'),
    fresh: freshActive,
    expect: writeInA,
  },
  {
    route: 'POST /api/v1/workflows/:id/callback-secret',
    ...wf('/callback-secret'),
    payload: () => ({}),
    expect: writeInA,
  },
  { route: 'GET /api/v1/workflows/:id/export', ...wf('/export'), expect: readInA },
  { route: 'GET /api/v1/workflows/:id/versions', ...wf('/versions'), expect: readInA },
  { route: 'GET /api/v1/workflows/:id/versions/:version', ...wf('/versions/1'), expect: readInA },
  {
    route: 'POST /api/v1/workflows/:id/versions/:version/restore',
    ...wf('/versions/1/restore'),
    payload: () => ({}),
    expect: writeInA,
  },
  { route: 'GET /api/v1/workflows/:id/diff', ...wf('/diff?from=1'), expect: readInA },
  {
    route: 'POST /api/v1/workflows/:id/run',
    url: (_w, ids) => `/api/v1/workflows/${ids.failing}/run`,
    payload: () => ({}),
    expect: writeInA,
  },
  { route: 'GET /api/v1/webhooks', url: () => '/api/v1/webhooks', expect: anyUser },
  {
    route: 'POST /api/v1/workflows/:id/webhook-test/listen',
    ...wf('/webhook-test/listen'),
    payload: () => ({ timeoutSeconds: 5 }),
    expect: writeInA,
  },
  {
    route: 'DELETE /api/v1/workflows/:id/webhook-test/listen',
    ...wf('/webhook-test/listen'),
    expect: writeInA,
  },
  { route: 'GET /api/v1/executions', url: () => '/api/v1/executions', expect: anyUser },
  {
    route: 'GET /api/v1/executions/:id',
    url: (_w, ids) => `/api/v1/executions/${ids.failedExecution}`,
    expect: readInA,
  },
  {
    // The failed execution holds no attachment: allowed readers get 400 (no binary there), others are denied first.
    route: 'GET /api/v1/executions/:id/binary',
    url: (_w, ids) => `/api/v1/executions/${ids.failedExecution}/binary?node=Start&item=0&key=data`,
    expect: readInA,
  },
  {
    route: 'POST /api/v1/executions/:id/retry',
    url: (_w, ids) => `/api/v1/executions/${ids.failedExecution}/retry`,
    payload: () => ({}),
    expect: writeInA,
  },
  {
    route: 'POST /api/v1/executions/:id/cancel',
    url: (_w, ids) => `/api/v1/executions/${ids.fresh}/cancel`,
    fresh: async (w) => ({ fresh: await runToEnd(w, w.ids.waiting) }),
    expect: writeInA,
  },
  {
    route: 'DELETE /api/v1/executions/:id',
    url: (_w, ids) => `/api/v1/executions/${ids.fresh}`,
    fresh: async (w) => ({ fresh: await runToEnd(w, w.ids.failing) }),
    expect: writeInA,
  },
  { route: 'GET /api/v1/tags', url: () => '/api/v1/tags', expect: anyUserNoKey },
  // Tags are instance-wide names: editors and admins of a team project (and instance admins) write them.
  {
    route: 'POST /api/v1/tags',
    url: () => '/api/v1/tags',
    payload: () => ({ name: unique('new-tag-') }),
    expect: tagWriters,
  },
  {
    route: 'PATCH /api/v1/tags/:id',
    url: (_w, ids) => `/api/v1/tags/${ids.tag}`,
    payload: () => ({ name: unique('renamed-tag-') }),
    expect: tagWriters,
  },
  {
    route: 'DELETE /api/v1/tags/:id',
    url: (_w, ids) => `/api/v1/tags/${ids.fresh}`,
    fresh: freshTag,
    expect: tagWriters,
  },
  { route: 'GET /api/v1/node-types', url: () => '/api/v1/node-types', expect: anyUserNoKey },
  {
    route: 'GET /api/v1/node-types/:type',
    url: () => '/api/v1/node-types/guixu.set',
    expect: anyUserNoKey,
  },
  {
    // Signing in is checked at the upgrade; a subscription to a hidden workflow is refused like an unknown one.
    route: 'GET /api/v1/push',
    url: (_w, ids) => `/api/v1/push?workflowId=${ids.workflow}`,
    send: (w, who, ids) => pushAnswer(w, who, `/api/v1/push?workflowId=${ids.workflow}`),
    expect: readInA,
  },
];
