import { createHmac } from 'node:crypto';
import type { WorkflowNode } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, type Identity, json, setupOwner } from '../../security/testing/identities.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';

/** Issue 8, finding 6: webhook authentication reads stored credentials and never names them to callers. */

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function jwt(claims: Record<string, unknown>, secret: string) {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

function guardedWebhook(
  path: string,
  authentication: string,
  slot: string,
  credential: { id: string; name: string },
) {
  const webhook: WorkflowNode = {
    id: 'hook',
    name: 'Guarded hook',
    type: 'guixu.webhook',
    typeVersion: 1,
    position: [0, 0],
    parameters: { httpMethod: 'POST', path, authentication },
    credentials: { [slot]: credential },
  };
  return { name: `Guarded ${path}`, nodes: [webhook], connections: {}, settings: {} };
}

describe.each(BACKENDS)('webhook authentication with stored credentials on %s', (kind) => {
  let t: TestApp;
  let owner: Identity;
  let projectA = '';
  let projectB = '';

  async function post(url: string, payload: Record<string, unknown>) {
    const res = await t.app.inject({ method: 'POST', url, headers: owner.headers, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return json(res) as { id: string; name: string };
  }

  async function credential(projectId: string, name: string, type: string, data: Record<string, unknown>) {
    const created = await post('/api/v1/credentials', { name, type, projectId, data });
    return { id: created.id, name };
  }

  async function activeIn(projectId: string, workflow: ReturnType<typeof guardedWebhook>) {
    const { id } = await post('/api/v1/workflows', { ...workflow, projectId });
    await post(`/api/v1/workflows/${id}/activate`, {});
    return id;
  }

  const call = (path: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/webhook/${path}`,
      headers: { 'content-type': 'application/json', ...headers },
      payload: '{"a":1}',
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await setupOwner(t.app);
    projectA = await createProject(t.app, owner, 'A');
    projectB = await createProject(t.app, owner, 'B');
  }, 60_000);
  afterAll(async () => t.dispose());

  it('basic auth with a stored credential of the project: 401 without, 403 wrong, 200 right', async () => {
    const basic = await credential(projectA, 'A login', 'httpBasicAuth', { user: 'ada', password: 's3cret' });
    await activeIn(projectA, guardedWebhook('stored-basic', 'basicAuth', 'httpBasicAuth', basic));
    const as = (s: string) => ({ authorization: `Basic ${Buffer.from(s).toString('base64')}` });
    expect((await call('stored-basic')).statusCode).toBe(401);
    expect((await call('stored-basic', as('ada:wrong'))).statusCode).toBe(403);
    expect((await call('stored-basic', as('ada:s3cret'))).statusCode).toBe(200);
  });

  it('header auth and JWT with stored credentials', async () => {
    const header = await credential(projectA, 'A key', 'httpHeaderAuth', {
      name: 'X-Api-Key',
      value: 'k-123',
    });
    await activeIn(projectA, guardedWebhook('stored-header', 'headerAuth', 'httpHeaderAuth', header));
    expect((await call('stored-header', { 'x-api-key': 'k-124' })).statusCode).toBe(403);
    expect((await call('stored-header', { 'x-api-key': 'k-123' })).statusCode).toBe(200);

    const token = await credential(projectA, 'A jwt', 'jwtAuth', {
      keyType: 'passphrase',
      secret: 'jwt-secret',
      algorithm: 'HS256',
    });
    await activeIn(projectA, guardedWebhook('stored-jwt', 'jwtAuth', 'jwtAuth', token));
    const bearer = (value: string) => ({ authorization: `Bearer ${value}` });
    expect((await call('stored-jwt', bearer(jwt({ sub: 'x' }, 'other')))).statusCode).toBe(403);
    expect((await call('stored-jwt', bearer(jwt({ sub: 'x' }, 'jwt-secret')))).statusCode).toBe(200);
  });

  it('another project’s credential is not used, and the answer names neither it nor the node', async () => {
    const foreign = await credential(projectB, 'B secret login', 'httpBasicAuth', {
      user: 'bob',
      password: 'pw-b',
    });
    await activeIn(projectA, guardedWebhook('foreign-basic', 'basicAuth', 'httpBasicAuth', foreign));
    const res = await call('foreign-basic', {
      authorization: `Basic ${Buffer.from('bob:pw-b').toString('base64')}`,
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'WEBHOOK_CREDENTIAL_UNAVAILABLE' });
    for (const secret of ['B secret login', foreign.id, 'Guarded hook', 'httpBasicAuth']) {
      expect(res.body).not.toContain(secret);
    }
  });
});
