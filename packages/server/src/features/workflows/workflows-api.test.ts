import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workflowRecordSchema } from '@guixu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_FIXTURES } from '../../../../interop/test/local-fixtures.ts';
import type { ActivatedWorkflow, TriggerRegistry } from '../../triggers.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { webhookWorkflow } from '../../testing/sample-workflows.ts';

/** Records what the workflows service asks of the trigger seam. */
class RecordingTriggers implements TriggerRegistry {
  readonly active = new Map<string, ActivatedWorkflow>();
  refusePath: string | undefined;
  async activate(workflow: ActivatedWorkflow) {
    const path = workflow.workflow.nodes.find((n) => n.type === 'guixu.webhook')?.parameters.path;
    if (path !== undefined && path === this.refusePath) {
      const { GuixuError } = await import('@guixu/core');
      throw new GuixuError('WEBHOOK_PATH_TAKEN', `Webhook path "${path}" is used by another workflow`);
    }
    this.active.set(workflow.id, workflow);
  }
  async deactivate(id: string) {
    this.active.delete(id);
  }
}

describe.each(BACKENDS)('workflows API on %s', (kind) => {
  let t: TestApp;
  const triggers = new RecordingTriggers();

  beforeAll(async () => {
    t = await createTestApp(kind, {
      features: [
        {
          name: 'test-triggers',
          order: 50,
          setup: (ctx) => {
            ctx.triggers = triggers;
          },
        },
      ],
    });
  });
  afterAll(async () => t.dispose());

  async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
    const response =
      payload === undefined
        ? await t.app.inject({ method, url })
        : await t.app.inject({
            method,
            url,
            payload: JSON.stringify(payload),
            headers: { 'content-type': 'application/json' },
          });
    const body: unknown = response.body === '' ? undefined : JSON.parse(response.body);
    return { status: response.statusCode, body, headers: response.headers };
  }

  async function create(payload: unknown) {
    const { status, body } = await call('POST', '/api/v1/workflows', payload);
    expect(status).toBe(201);
    return workflowRecordSchema.parse(body);
  }

  it('creates, gets and lists a workflow with tags', async () => {
    const created = await create({ ...webhookWorkflow('Orders'), tags: ['sales', 'prod'], message: 'first' });
    expect(created).toMatchObject({
      name: 'Orders',
      active: false,
      version: 1,
      // The caller's personal project (the test app signs in as the owner).
      projectId: expect.any(String),
      deletedAt: null,
    });
    expect(created.tags.map((t) => t.name).sort()).toEqual(['prod', 'sales']);
    expect(created.nodes).toHaveLength(2);

    const got = await call('GET', `/api/v1/workflows/${created.id}`);
    expect(got.status).toBe(200);
    expect(workflowRecordSchema.parse(got.body)).toEqual(created);

    const list = await call('GET', '/api/v1/workflows?tag=sales');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ data: [{ id: created.id, nodeCount: 2 }], nextCursor: null });
  });

  it('filters by name (case-insensitive, wildcards literal) and active, sorts and paginates', async () => {
    const names = ['alpha report', 'Beta REPORT', 'gamma', '100% done', 'delta_report'];
    for (const name of names) await create({ name });
    const byName = await call('GET', '/api/v1/workflows?name=report&sort=name:asc&limit=50');
    expect((byName.body as { data: { name: string }[] }).data.map((w) => w.name)).toEqual([
      'alpha report',
      'Beta REPORT',
      'delta_report',
    ]);
    const percent = await call('GET', '/api/v1/workflows?name=%25');
    expect((percent.body as { data: { name: string }[] }).data.map((w) => w.name)).toEqual(['100% done']);
    const underscore = await call('GET', '/api/v1/workflows?name=a_r');
    expect((underscore.body as { data: { name: string }[] }).data.map((w) => w.name)).toEqual([
      'delta_report',
    ]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/workflows?sort=name:desc&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await call('GET', url);
      expect(page.status).toBe(200);
      const body = page.body as { data: { name: string }[]; nextCursor: string | null };
      expect(body.data.length).toBeLessThanOrEqual(2);
      seen.push(...body.data.map((w) => w.name));
      cursor = body.nextCursor;
    } while (cursor);
    const sorted = [...seen].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? 1 : -1));
    expect(seen).toEqual(sorted);
    expect(seen).toEqual(expect.arrayContaining(names));
    expect(new Set(seen).size).toBe(seen.length);

    const inactive = await call('GET', '/api/v1/workflows?active=false&limit=250');
    expect((inactive.body as { data: unknown[] }).data.length).toBe(seen.length);
    const active = await call('GET', '/api/v1/workflows?active=true');
    expect((active.body as { data: unknown[] }).data).toEqual([]);
  });

  it('saves versions on every update, with optimistic concurrency', async () => {
    const created = await create({ ...webhookWorkflow('Versioned') });
    const renamed = await call('PATCH', `/api/v1/workflows/${created.id}`, {
      name: 'Versioned v2',
      message: 'rename',
      expectedVersion: 1,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Versioned v2', version: 2 });
    const stale = await call('PATCH', `/api/v1/workflows/${created.id}`, { name: 'x', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'WORKFLOW_VERSION_CONFLICT', details: { currentVersion: 2 } });

    const nodes = created.nodes.map((n) =>
      n.name === 'Set' ? { ...n, parameters: { ...n.parameters, includeOtherFields: true } } : n,
    );
    const third = await call('PATCH', `/api/v1/workflows/${created.id}`, {
      nodes: [
        ...nodes,
        { id: 'n-noop', name: 'NoOp', type: 'guixu.noOp', typeVersion: 1, position: [400, 0] },
      ],
      connections: {
        Webhook: { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
        Set: { main: [[{ node: 'NoOp', type: 'main', index: 0 }]] },
      },
    });
    expect(third.status).toBe(200);

    const versions = await call('GET', `/api/v1/workflows/${created.id}/versions?limit=2`);
    const page = versions.body as {
      data: { version: number; author: string; message: string | null }[];
      nextCursor: string;
    };
    expect(page.data.map((v) => v.version)).toEqual([3, 2]);
    expect(page.data[1]).toMatchObject({ author: 'owner@example.com', message: 'rename' });
    const rest = await call(
      'GET',
      `/api/v1/workflows/${created.id}/versions?limit=2&cursor=${page.nextCursor}`,
    );
    expect(rest.body).toMatchObject({ data: [{ version: 1 }], nextCursor: null });

    const v1 = await call('GET', `/api/v1/workflows/${created.id}/versions/1`);
    expect(v1.body).toMatchObject({ version: 1, workflow: { name: 'Versioned' } });

    const diff = await call('GET', `/api/v1/workflows/${created.id}/diff?from=1`);
    expect(diff.status).toBe(200);
    expect(diff.body).toEqual({
      from: 1,
      to: 3,
      nameChanged: true,
      settingsChanged: [],
      nodes: {
        added: [{ name: 'NoOp', id: 'n-noop', type: 'guixu.noOp' }],
        removed: [],
        changed: [{ name: 'Set', id: 'n-set', changes: ['parameters.includeOtherFields'] }],
      },
      connections: [
        { change: 'added', from: 'Set', type: 'main', outputIndex: 0, to: 'NoOp', inputIndex: 0 },
      ],
    });

    const restored = await call('POST', `/api/v1/workflows/${created.id}/versions/1/restore`, {});
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ name: 'Versioned', version: 4 });
    expect((restored.body as { nodes: unknown[] }).nodes).toHaveLength(2);
    const latest = await call('GET', `/api/v1/workflows/${created.id}/versions/4`);
    expect(latest.body).toMatchObject({ message: 'Restored version 1' });
  });

  it('activates a valid workflow through the trigger seam and deactivates it', async () => {
    const created = await create(webhookWorkflow('Active one', 'active-one'));
    const activated = await call('POST', `/api/v1/workflows/${created.id}/activate`);
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ active: true });
    expect(triggers.active.get(created.id)?.workflow.nodes).toHaveLength(2);
    const listed = await call('GET', '/api/v1/workflows?active=true');
    expect((listed.body as { data: { id: string }[] }).data.map((w) => w.id)).toEqual([created.id]);

    // Saving an active workflow re-registers its triggers with the new version.
    await call('PATCH', `/api/v1/workflows/${created.id}`, { name: 'Active renamed' });
    expect(triggers.active.get(created.id)?.version).toBe(2);
    // …and an invalid save of an active workflow is refused, leaving it as it was.
    const broken = await call('PATCH', `/api/v1/workflows/${created.id}`, {
      nodes: [{ id: 'x', name: 'Mystery', type: 'guixu.doesNotExist', typeVersion: 1, position: [0, 0] }],
    });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ code: 'WORKFLOW_INVALID' });
    expect((await call('GET', `/api/v1/workflows/${created.id}`)).body).toMatchObject({ version: 2 });

    const deactivated = await call('POST', `/api/v1/workflows/${created.id}/deactivate`);
    expect(deactivated.body).toMatchObject({ active: false });
    expect(triggers.active.has(created.id)).toBe(false);
  });

  it('refuses to activate an invalid workflow, naming the node and parameter', async () => {
    const base = webhookWorkflow('Broken', 'broken');
    const nodes = base.nodes.map((n) =>
      n.name === 'Set' ? { ...n, parameters: { ...n.parameters, mode: 'bogus' } } : n,
    );
    const created = await create({ ...base, nodes });
    const response = await call('POST', `/api/v1/workflows/${created.id}/activate`);
    expect(response.status).toBe(400);
    const body = response.body as { code: string; message: string; details: { errors: { node?: string }[] } };
    expect(body.code).toBe('WORKFLOW_INVALID');
    expect(body.message).toContain('node "Set"');
    expect(body.details.errors.some((e) => e.node === 'Set')).toBe(true);
    expect(triggers.active.has(created.id)).toBe(false);

    const manualOnly = await create({
      name: 'Manual only',
      nodes: [{ id: 'm', name: 'Start', type: 'guixu.manualTrigger', typeVersion: 1, position: [0, 0] }],
    });
    const noTrigger = await call('POST', `/api/v1/workflows/${manualOnly.id}/activate`);
    expect(noTrigger.status).toBe(400);
    expect(noTrigger.body).toMatchObject({ code: 'WORKFLOW_NO_TRIGGER' });
  });

  it('passes a refusal from the trigger registry on as a 409', async () => {
    triggers.refusePath = 'taken';
    const created = await create(webhookWorkflow('Taken', 'taken'));
    const response = await call('POST', `/api/v1/workflows/${created.id}/activate`);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'WEBHOOK_PATH_TAKEN' });
    expect((await call('GET', `/api/v1/workflows/${created.id}`)).body).toMatchObject({ active: false });
    triggers.refusePath = undefined;
  });

  it('soft-deletes, lists deleted, restores and deletes permanently', async () => {
    const created = await create(webhookWorkflow('Doomed', 'doomed'));
    await call('POST', `/api/v1/workflows/${created.id}/activate`);
    expect((await call('DELETE', `/api/v1/workflows/${created.id}`)).status).toBe(204);
    expect(triggers.active.has(created.id)).toBe(false);
    expect((await call('GET', `/api/v1/workflows/${created.id}`)).status).toBe(404);
    const visible = await call('GET', `/api/v1/workflows/${created.id}?deleted=true`);
    expect(visible.body).toMatchObject({ active: false, deletedAt: expect.any(String) });
    const deletedList = await call('GET', '/api/v1/workflows?deleted=true');
    expect((deletedList.body as { data: { id: string }[] }).data.map((w) => w.id)).toContain(created.id);
    const edit = await call('PATCH', `/api/v1/workflows/${created.id}`, { name: 'nope' });
    expect(edit.status).toBe(409);
    expect(edit.body).toMatchObject({ code: 'WORKFLOW_DELETED' });

    const restored = await call('POST', `/api/v1/workflows/${created.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ deletedAt: null, active: false });
    expect((await call('POST', `/api/v1/workflows/${created.id}/restore`)).status).toBe(409);

    expect((await call('DELETE', `/api/v1/workflows/${created.id}?permanent=true`)).status).toBe(409);
    await call('DELETE', `/api/v1/workflows/${created.id}`);
    expect((await call('DELETE', `/api/v1/workflows/${created.id}?permanent=true`)).status).toBe(204);
    expect((await call('GET', `/api/v1/workflows/${created.id}?deleted=true`)).status).toBe(404);
    expect((await call('GET', `/api/v1/workflows/${created.id}/versions`)).status).toBe(404);
  });

  it('duplicates, exports and imports', async () => {
    const created = await create({ ...webhookWorkflow('Original'), tags: ['ops'] });
    const copy = await call('POST', `/api/v1/workflows/${created.id}/duplicate`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({
      name: 'Original (copy)',
      version: 1,
      active: false,
      tags: [{ name: 'ops' }],
    });
    expect((copy.body as { id: string }).id).not.toBe(created.id);

    const exported = await call('GET', `/api/v1/workflows/${created.id}/export`);
    expect(exported.body).toMatchObject({ id: created.id, name: 'Original', tags: ['ops'] });

    const imported = await call('POST', '/api/v1/workflows/import', {
      workflow: exported.body,
      name: 'Imported',
    });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({
      format: 'guixu',
      workflow: { name: 'Imported', tags: [{ name: 'ops' }] },
    });
    const fromText = await call('POST', '/api/v1/workflows/import', {
      workflow: JSON.stringify(exported.body),
    });
    expect(fromText.status).toBe(201);

    const n8nFile = readFileSync(join(LOCAL_FIXTURES, 'n8n/manual-set-rename.json'), 'utf8');
    const n8n = await call('POST', '/api/v1/workflows/import', { workflow: n8nFile });
    expect(n8n.status).toBe(201);
    const n8nResult = n8n.body as { format: string; workflow: { id: string; nodes: { type: string }[] } };
    expect(n8nResult.format).toBe('n8n');
    expect(n8nResult.workflow.nodes.map((n) => n.type)).toEqual(
      expect.arrayContaining(['guixu.manualTrigger', 'guixu.renameKeys']),
    );
    expect((await call('GET', `/api/v1/workflows/${n8nResult.workflow.id}/versions/1`)).body).toMatchObject({
      message: 'Imported from n8n',
    });
    const difyFile = readFileSync(join(LOCAL_FIXTURES, 'dify/counter-loop.yml'), 'utf8');
    const dify = await call('POST', '/api/v1/workflows/import', { workflow: difyFile, tags: ['dify'] });
    expect(dify.status).toBe(201);
    expect(dify.body).toMatchObject({ format: 'dify', workflow: { tags: [{ name: 'dify' }] } });
    // The same report the CLI prints: per-node status, credentials to fill, validation, summary.
    expect(dify.body).toMatchObject({ report: { source: 'dify', summary: { nodes: expect.any(Number) } } });
    expect(n8n.body).toMatchObject({
      report: {
        source: 'n8n',
        nodes: expect.arrayContaining([expect.objectContaining({ status: 'mapped' })]),
      },
    });
    const notYaml = await call('POST', '/api/v1/workflows/import', { workflow: '{: [unbalanced' });
    expect(notYaml.status).toBe(400);
    const bad = await call('POST', '/api/v1/workflows/import', { workflow: { nodes: 'no' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'IMPORT_INVALID' });
  });

  it('answers bad input with precise 4xx errors', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'MALFORMED_JSON' });

    const wrongType = await call('POST', '/api/v1/workflows', { name: 42, nodes: {} });
    expect(wrongType.status).toBe(400);
    const issues = (wrongType.body as { details: { issues: { field: string }[] } }).details.issues;
    expect(issues.map((i) => i.field).sort()).toEqual(['name', 'nodes']);

    const unknownField = await call('POST', '/api/v1/workflows', { name: 'x', nmae: 'typo' });
    expect(unknownField.status).toBe(400);

    const badNode = await call('POST', '/api/v1/workflows', { name: 'x', nodes: [{ id: 'a', name: 'A' }] });
    expect(badNode.status).toBe(400);
    expect((badNode.body as { message: string }).message).toMatch(/^Invalid request body: nodes\[0\]\./);

    expect((await call('GET', '/api/v1/workflows/unknown-id')).body).toMatchObject({
      code: 'WORKFLOW_NOT_FOUND',
    });
    expect((await call('POST', '/api/v1/workflows/unknown-id/activate')).status).toBe(404);
    expect((await call('GET', '/api/v1/workflows?limit=0')).status).toBe(400);
    expect((await call('GET', '/api/v1/workflows?sort=size:asc')).status).toBe(400);
    const cursor = await call('GET', '/api/v1/workflows?cursor=garbage');
    expect(cursor.status).toBe(400);
    expect(cursor.body).toMatchObject({ code: 'CURSOR_INVALID' });
    // Access is checked first (an unknown workflow is a 404): validate against one that exists.
    const target = await create({ name: 'validation target' });
    expect((await call('GET', `/api/v1/workflows/${target.id}/versions/abc`)).status).toBe(400);
    expect((await call('GET', `/api/v1/workflows/${target.id}/diff`)).status).toBe(400);
    expect((await call('GET', '/api/v1/nowhere')).body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });

    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x', meta: { blob: 'x'.repeat(t.config.bodyLimit + 10) } }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });

    const textBody = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: { 'content-type': 'application/xml' },
      payload: '<x/>',
    });
    expect(textBody.statusCode).toBe(415);

    const proto = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":"proto","meta":{"__proto__":{"polluted":true}}}',
    });
    expect(proto.statusCode).toBe(201);
    expect(proto.json().meta).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('carries request ids', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/workflows/nope',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(response.headers['x-request-id']).toBe('abc-123');
    expect(response.json()).toMatchObject({ requestId: 'abc-123' });
  });
});
