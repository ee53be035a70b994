import type { AddressInfo } from 'node:net';
import { testNode } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type Identity, json } from '../../security/testing/identities.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

/**
 * The GuixuFlow node (n8n's "n8n" node) against a real, listening server: an
 * API key is its only authority, so it reaches what the key's user and scopes
 * allow and nothing else.
 */
const guixuApiNode = (await builtinNodes()).get('guixu.guixuApi');
let t: TestApp;
let baseUrl: string;
let member: Identity;
let ownerKey: string;
let memberKey: string;

async function apiKey(who: Identity, scopes: string[]): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: who.headers,
    payload: { name: `key ${scopes.join(' ')}`, scopes },
  });
  expect(res.statusCode).toBe(201);
  return String(Reflect.get(Object(json(res)), 'key'));
}

const run = (parameters: Record<string, unknown>, key = ownerKey) =>
  testNode(guixuApiNode, { parameters, items: [{}], credentials: { guixuApi: { apiKey: key, baseUrl } } });

const ALL = [
  'workflow:read',
  'workflow:write',
  'execution:read',
  'execution:write',
  'credential:read',
  'credential:write',
];

const n8nDocument = {
  name: 'From n8n',
  nodes: [
    {
      id: 'a',
      name: 'When clicking',
      type: 'n8n-nodes-base.manualTrigger',
      typeVersion: 1,
      position: [0, 0],
      parameters: {},
    },
    {
      id: 'b',
      name: 'Set',
      type: 'n8n-nodes-base.set',
      typeVersion: 3.4,
      position: [200, 0],
      parameters: {
        assignments: { assignments: [{ id: '1', name: 'greeting', value: 'hello', type: 'string' }] },
      },
    },
  ],
  connections: { 'When clicking': { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
};

beforeAll(async () => {
  t = await createTestApp('sqlite');
  await t.raw.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.raw.server.address() as AddressInfo).port}`;
  if (!t.owner) throw new Error('no owner');
  member = await createUser(t.app, t.owner, 'member@example.com');
  ownerKey = await apiKey(t.owner, ALL);
  memberKey = await apiKey(member, ALL);
}, 60_000);

afterAll(async () => {
  await t.dispose();
});

describe('GuixuFlow node', () => {
  it('creates a workflow from an n8n document, lists, gets and updates it, relays a refused activation, deletes it', async () => {
    const created = await run({ resource: 'workflow', operation: 'create', workflowObject: n8nDocument });
    const workflow = created.json[0][0];
    expect(workflow).toMatchObject({ name: 'From n8n', active: false });
    expect(Reflect.get(Object(workflow.importReport), 'summary')).toBeDefined();
    const id = String(workflow.id);

    const listed = await run({ resource: 'workflow', operation: 'getAll', filters: { name: 'from n8n' } });
    expect(listed.json[0].map((w) => w.id)).toEqual([id]);
    const inactive = await run({
      resource: 'workflow',
      operation: 'getAll',
      returnAll: true,
      filters: { activeWorkflows: true },
    });
    expect(inactive.json[0]).toEqual([]);

    const updated = await run({
      resource: 'workflow',
      operation: 'update',
      workflowId: id,
      workflowObject: { ...n8nDocument, name: 'Renamed' },
    });
    expect(updated.json[0][0]).toMatchObject({ id, name: 'Renamed', version: 2 });
    const got = await run({ resource: 'workflow', operation: 'get', workflowId: `={{ "${id}" }}` });
    expect(got.json[0][0]).toMatchObject({ id, name: 'Renamed' });
    expect((got.json[0][0].nodes as { type: string }[]).map((n) => n.type)).toEqual([
      'guixu.manualTrigger',
      'guixu.set',
    ]);

    // A manual-only workflow cannot be activated: the server's reason reaches the node's error.
    await expect(run({ resource: 'workflow', operation: 'activate', workflowId: id })).rejects.toThrow(
      /GuixuFlow answered 400/,
    );
    const deleted = await run({ resource: 'workflow', operation: 'delete', workflowId: id });
    expect(deleted.json[0][0]).toEqual({ id, deleted: true });
    await expect(run({ resource: 'workflow', operation: 'get', workflowId: id })).rejects.toThrow(
      /GuixuFlow answered 404/,
    );
  });

  it('pages through every workflow with Return All and stops at Limit', async () => {
    for (let i = 0; i < 3; i++) {
      await run({
        resource: 'workflow',
        operation: 'create',
        workflowObject: { ...n8nDocument, name: `Paged ${i}` },
      });
    }
    const two = await run({
      resource: 'workflow',
      operation: 'getAll',
      limit: 2,
      filters: { name: 'Paged' },
    });
    expect(two.json[0]).toHaveLength(2);
    const all = await run({
      resource: 'workflow',
      operation: 'getAll',
      returnAll: true,
      filters: { name: 'Paged' },
    });
    expect(all.json[0].map((w) => w.name).sort()).toEqual(['Paged 0', 'Paged 1', 'Paged 2']);
  });

  it('reads an execution with and without its run data, lists and deletes it', async () => {
    const created = await run({ resource: 'workflow', operation: 'create', workflowObject: n8nDocument });
    const workflowId = String(created.json[0][0].id);
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${workflowId}/run`,
      payload: {},
    });
    expect(started.statusCode).toBeLessThan(300);
    let executionId = '';
    for (let i = 0; i < 100 && executionId === ''; i++) {
      const page = await run({
        resource: 'execution',
        operation: 'getAll',
        filters: { workflowId, status: 'success' },
      });
      executionId = String(page.json[0][0]?.id ?? '');
      if (executionId === '') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(executionId).not.toBe('');

    const summary = await run({ resource: 'execution', operation: 'get', executionId });
    expect(summary.json[0][0]).toMatchObject({ id: executionId, status: 'success' });
    expect(summary.json[0][0].runData).toBeUndefined();
    const detailed = await run({
      resource: 'execution',
      operation: 'get',
      executionId,
      options: { activeWorkflows: true },
    });
    expect(JSON.stringify(detailed.json[0][0].runData)).toContain('hello');

    await run({ resource: 'execution', operation: 'delete', executionId });
    await expect(run({ resource: 'execution', operation: 'get', executionId })).rejects.toThrow(/404/);
  });

  it('creates a credential whose secret never comes back, shows a type schema, deletes it', async () => {
    const schema = await run({
      resource: 'credential',
      operation: 'getSchema',
      credentialTypeName: 'httpHeaderAuth',
    });
    expect(schema.json[0][0]).toMatchObject({ name: 'httpHeaderAuth', secretFields: ['value'] });
    const created = await run({
      resource: 'credential',
      operation: 'create',
      name: 'Made by a node',
      credentialTypeName: 'httpHeaderAuth',
      data: { name: 'X-Token', value: 'very-secret-value' },
    });
    expect(JSON.stringify(created.json)).not.toContain('very-secret-value');
    const id = String(created.json[0][0].id);
    expect(await run({ resource: 'credential', operation: 'delete', credentialId: id })).toMatchObject({
      json: [[{ id, deleted: true }]],
    });
    await expect(
      run({ resource: 'credential', operation: 'getSchema', credentialTypeName: 'noSuchType' }),
    ).rejects.toThrow('GuixuFlow has no credential type "noSuchType"');
  });

  it("reaches only what the key's user may: another user's workflow is not found, scopes bound writes", async () => {
    const owners = await run({ resource: 'workflow', operation: 'create', workflowObject: n8nDocument });
    const id = String(owners.json[0][0].id);
    await expect(run({ resource: 'workflow', operation: 'get', workflowId: id }, memberKey)).rejects.toThrow(
      /GuixuFlow answered 404/,
    );
    const mine = await run({ resource: 'workflow', operation: 'getAll', returnAll: true }, memberKey);
    expect(mine.json[0].map((w) => w.id)).not.toContain(id);
    const readOnly = await apiKey(member, ['workflow:read']);
    await expect(
      run({ resource: 'workflow', operation: 'create', workflowObject: n8nDocument }, readOnly),
    ).rejects.toThrow(/GuixuFlow answered 403 .*scopes do not allow this/);
  });

  it('says plainly what is wrong: a bad key, an unreachable instance, a wrong operation, bad JSON', async () => {
    const wrongKey = 'gx_0000000000000000_not-a-real-key';
    const refused = run({ resource: 'workflow', operation: 'getAll' }, wrongKey);
    await expect(refused).rejects.toThrow(/GuixuFlow answered 401 .*check the API key/);
    await expect(refused).rejects.not.toThrow(/not-a-real-key/);
    await expect(
      testNode(guixuApiNode, {
        parameters: { resource: 'workflow', operation: 'getAll' },
        credentials: { guixuApi: { apiKey: ownerKey, baseUrl: 'http://127.0.0.1:1' } },
      }),
    ).rejects.toThrow('Could not reach GuixuFlow at 127.0.0.1:1');
    await expect(run({ resource: 'execution', operation: 'getSchema' })).rejects.toThrow(
      'The operation "getSchema" does not apply to executions: use one of delete, get, getAll',
    );
    await expect(
      run({ resource: 'workflow', operation: 'create', workflowObject: '{ not json' }),
    ).rejects.toThrow(/Workflow Object|workflowObject/);
  });
});
