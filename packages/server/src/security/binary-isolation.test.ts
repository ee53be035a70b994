import { NodeRegistry } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookWorkflow } from '../testing/sample-workflows.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { createUser, type Identity, json } from './testing/identities.ts';

/**
 * A binary reference is only an id, and pinned data (or a Code node's output)
 * can carry any id. A run reads another execution's file only when that
 * execution is in its project (or is its parent or child): a member who
 * learned the id of the owner's file cannot read it through a node, a webhook
 * answer or the execution download route. On both hosts (worker threads, and
 * the engine on the server thread).
 */
async function inlineRegistry(): Promise<NodeRegistry> {
  const registry = new NodeRegistry();
  const builtin = await builtinNodes();
  for (const definition of builtin.list()) registry.register(definition);
  for (const type of builtin.listCredentialTypes()) registry.registerCredentialType(type);
  return registry;
}

describe.each(['worker threads', 'inline'] as const)('binary data across projects (%s)', (host) => {
  let t: TestApp;
  let member: Identity;
  let memberProject: string;
  let secretRef: Record<string, unknown>;
  let ownRef: Record<string, unknown>;

  const upload = async (path: string, body: string) => {
    const created = json(
      await t.app.inject({ method: 'POST', url: '/api/v1/workflows', payload: webhookWorkflow(path, path) }),
    ) as { id: string };
    await t.app.inject({ method: 'POST', url: `/api/v1/workflows/${created.id}/activate` });
    const called = await t.app.inject({
      method: 'POST',
      url: `/webhook/${path}`,
      payload: body,
      headers: { 'content-type': 'application/octet-stream' },
    });
    const detail = json(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/executions/${String(called.headers['x-execution-id'])}`,
      }),
    ) as { runData: Record<string, { output: { binary?: Record<string, unknown> }[][] }[]> };
    return detail.runData.Webhook[0].output[0][0].binary?.data as Record<string, unknown>;
  };

  /** The member's workflow: a Manual Trigger pinned with `ref`, then a node reading it as text. */
  const readAsMember = async (
    ref: Record<string, unknown>,
    headers = member.headers,
    projectId = memberProject,
  ) => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers,
      payload: {
        name: `Reader ${Math.random()}`,
        projectId,
        settings: { timezone: 'UTC' },
        nodes: [
          {
            id: 'a',
            name: 'Start',
            type: 'guixu.manualTrigger',
            typeVersion: 1,
            position: [0, 0],
            parameters: {},
          },
          {
            id: 'b',
            name: 'Read',
            type: 'guixu.extractFromFile',
            typeVersion: 1,
            position: [200, 0],
            parameters: { operation: 'text', binaryPropertyName: 'data' },
          },
        ],
        connections: { Start: { main: [[{ node: 'Read', type: 'main', index: 0 }]] } },
        pinData: { Start: [{ json: {}, binary: { data: ref } }] },
      },
    });
    expect(created.statusCode).toBe(201);
    const id = (json(created) as { id: string }).id;
    const run = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${id}/run`,
      headers,
      payload: { wait: true },
    });
    return json(run) as {
      executionId: string;
      status: string;
      error: { code?: string; message: string } | null;
      items: { json: Record<string, unknown> }[];
    };
  };

  beforeAll(async () => {
    t = await createTestApp('sqlite', host === 'inline' ? { registry: await inlineRegistry() } : {});
    if (!t.owner) throw new Error('no owner');
    member = await createUser(t.app, t.owner, 'member@example.com');
    memberProject = String(
      (
        json(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: member.headers })) as {
          personalProjectId: string;
        }
      ).personalProjectId,
    );
    secretRef = await upload('owner-upload', 'TOP SECRET');
  }, 120_000);
  afterAll(async () => t.dispose());

  it("a node cannot read another project's file through pinned data", async () => {
    const stolen = await readAsMember(secretRef);
    expect(stolen.status).toBe('error');
    expect(JSON.stringify(stolen)).not.toContain('TOP SECRET');
    expect(stolen.error?.message).toContain('belongs to an execution this run may not read');

    // The download route of the member's own execution does not serve it either.
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/executions/${stolen.executionId}/binary?node=Start&item=0&key=data`,
      headers: member.headers,
    });
    expect(download.statusCode).toBe(400);
    expect(download.body).not.toContain('TOP SECRET');
  });

  it("a file of the run's own project stays readable: pinned from an earlier execution", async () => {
    ownRef = await upload('owner-own', 'my own bytes');
    const owner = t.owner as Identity;
    const ownerProject = String(
      (
        json(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: owner.headers })) as {
          personalProjectId: string;
        }
      ).personalProjectId,
    );
    const read = await readAsMember(ownRef, owner.headers, ownerProject);
    expect(read.status).toBe('success');
    expect(read.items[0]?.json).toEqual({ data: 'my own bytes' });
  });

  it("a webhook cannot answer with another project's file", async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: member.headers,
      payload: {
        name: 'Leaky answer',
        projectId: memberProject,
        settings: { timezone: 'UTC' },
        nodes: [
          {
            id: 'w',
            name: 'Webhook',
            type: 'guixu.webhook',
            typeVersion: 1,
            position: [0, 0],
            parameters: { httpMethod: 'GET', path: 'leak', responseMode: 'responseNode' },
          },
          {
            id: 'c',
            name: 'Forge',
            type: 'guixu.code',
            typeVersion: 1,
            position: [200, 0],
            parameters: {
              mode: 'runOnceForAllItems',
              jsCode: `return [{ json: {}, binary: { data: ${JSON.stringify(secretRef)} } }];`,
            },
          },
          {
            id: 'r',
            name: 'Respond',
            type: 'guixu.respondToWebhook',
            typeVersion: 1,
            position: [400, 0],
            parameters: { respondWith: 'binary', responseDataSource: 'set', inputFieldName: 'data' },
          },
        ],
        connections: {
          Webhook: { main: [[{ node: 'Forge', type: 'main', index: 0 }]] },
          Forge: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
        },
      },
    });
    const id = (json(created) as { id: string }).id;
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/workflows/${id}/activate`,
          headers: member.headers,
        })
      ).statusCode,
    ).toBe(200);
    const answer = await t.app.inject({ method: 'GET', url: '/webhook/leak' });
    expect(answer.body).not.toContain('TOP SECRET');
  });
});
