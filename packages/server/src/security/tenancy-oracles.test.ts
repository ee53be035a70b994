import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { BACKENDS } from '../testing/test-database.ts';
import {
  addMember,
  createProject,
  createUser,
  type Identity,
  json,
  login,
  setupOwner,
} from './testing/identities.ts';

/** Issue 8, finding 6: session scopes for API keys, tag writers, and sharing without an existence oracle. */

describe.each(BACKENDS)('tenancy edges on %s', (kind) => {
  let t: TestApp;
  let owner: Identity;
  let lead: Identity;
  let viewer: Identity;
  let projectA = '';
  let projectB = '';

  async function apiKey(who: Identity, scopes: string[]): Promise<Record<string, string>> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: who.headers,
      payload: { name: `key ${scopes.join(' ')}`, scopes },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { authorization: `Bearer ${(json(res) as { key: string }).key}` };
  }

  async function sessionIds(headers: Record<string, string>) {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers });
    return {
      status: res.statusCode,
      ids: res.statusCode === 200 ? (json(res) as { data: { id: string }[] }).data.map((s) => s.id) : [],
    };
  }

  /** A Basic Auth credential in project A, made by its admin. */
  async function loginCredentialInA(name: string): Promise<string> {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: lead.headers,
      payload: { name, type: 'httpBasicAuth', projectId: projectA, data: { user: 'u' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    return (json(created) as { id: string }).id;
  }

  beforeAll(async () => {
    process.env.GUIXU_LOGIN_RATE_LIMIT = '0';
    t = await createTestApp(kind);
    owner = await setupOwner(t.app);
    lead = await createUser(t.app, owner, `lead-${kind}@example.com`);
    viewer = await createUser(t.app, owner, `viewer-${kind}@example.com`);
    projectA = await createProject(t.app, owner, 'A');
    projectB = await createProject(t.app, owner, 'B');
    await addMember(t.app, owner, projectA, lead.userId, 'admin');
    await addMember(t.app, owner, projectA, viewer.userId, 'viewer');
  }, 60_000);
  afterAll(async () => {
    delete process.env.GUIXU_LOGIN_RATE_LIMIT;
    await t.dispose();
  });

  it('an API key lists and revokes sessions only with the session scopes', async () => {
    // A second sign-in: the session the keys try to revoke (the first one stays for the other tests).
    const other = await login(t.app, lead.email);
    const { ids } = await sessionIds(lead.headers);
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: other.headers });
    const session =
      (json(mine) as { data: { id: string; current: boolean }[] }).data.find((s) => s.current)?.id ?? '';
    expect(ids).toContain(session);
    const workflowKey = await apiKey(lead, ['workflow:read', 'workflow:write']);
    expect((await sessionIds(workflowKey)).status).toBe(403);
    const revoke = (headers: Record<string, string>) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${session}`, headers });
    expect((await revoke(workflowKey)).statusCode).toBe(403);
    // Reading sessions does not allow revoking them.
    const readKey = await apiKey(lead, ['session:read']);
    expect(await sessionIds(readKey)).toEqual({ status: 200, ids });
    expect((await revoke(readKey)).statusCode).toBe(403);
    expect((await sessionIds(lead.headers)).ids).toContain(session);
    const writeKey = await apiKey(lead, ['session:write']);
    expect((await revoke(writeKey)).statusCode).toBe(204);
  });

  it('viewers cannot create, rename or delete the instance-wide tags; editors and admins can', async () => {
    const create = (who: Identity, name: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/tags', headers: who.headers, payload: { name } });
    expect((await create(viewer, 'by-viewer')).statusCode).toBe(403);
    const made = await create(lead, 'by-lead');
    expect(made.statusCode).toBe(201);
    const tag = (json(made) as { id: string }).id;
    const rename = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tags/${tag}`,
      headers: viewer.headers,
      payload: { name: 'renamed' },
    });
    expect(rename.statusCode).toBe(403);
    const remove = (who: Identity) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/tags/${tag}`, headers: who.headers });
    expect((await remove(viewer)).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/tags', headers: viewer.headers })).statusCode,
    ).toBe(200);
    expect((await remove(lead)).statusCode).toBe(204);
    // Someone in no team project (admin of their personal project only) reads tags but does not write them.
    const solo = await createUser(t.app, owner, `solo-${kind}@example.com`);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/tags', headers: solo.headers })).statusCode,
    ).toBe(200);
    expect((await create(solo, 'by-solo')).statusCode).toBe(403);
  });

  it('a run outside any project (or unknown to the runner) gets no project’s credential', async () => {
    const id = await loginCredentialInA('project login');
    const store = t.ctx.services.get('credentials');
    const request = {
      ref: { id, name: 'project login' },
      type: 'httpBasicAuth',
      node: 'HTTP',
      executionId: 'e',
    };
    await expect(store.providerFor({ projectId: projectA }).get(request)).resolves.toMatchObject({
      user: 'u',
    });
    await expect(store.providerFor({ projectId: null }).get(request)).rejects.toMatchObject({
      code: 'CREDENTIAL_NOT_FOUND',
    });
    await expect(store.providerFor({ projectId: projectB }).get(request)).rejects.toMatchObject({
      code: 'CREDENTIAL_NOT_FOUND',
    });
  });

  it('sharing into a project one is not in answers exactly like sharing into one that does not exist', async () => {
    const credential = await loginCredentialInA('shared login');
    const share = (projectId: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/shares/credential/${credential}/${projectId}`,
        headers: lead.headers,
        payload: { access: 'use' },
      });
    const hidden = await share(projectB);
    const missing = await share('no-such-project');
    const shape = (body: string, id: string) => {
      const { requestId: _requestId, ...rest } = JSON.parse(body) as Record<string, unknown>;
      return JSON.stringify(rest).replaceAll(id, '<id>');
    };
    expect(hidden.statusCode).toBe(404);
    expect(shape(hidden.body, projectB)).toBe(shape(missing.body, 'no-such-project'));
    // The owner sees every project and may share into it.
    const byOwner = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/shares/credential/${credential}/${projectB}`,
      headers: owner.headers,
      payload: { access: 'use' },
    });
    expect(byOwner.statusCode).toBe(200);
  });
});
