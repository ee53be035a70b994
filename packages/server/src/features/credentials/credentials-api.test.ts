import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createProject,
  createUser,
  type Identity,
  json,
  setupOwner,
} from '../../security/testing/identities.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const SECRET = 'sup3r-secret-password-value';
const SECRET_VAR = 'very-secret-token-0042';

describe.each(BACKENDS)('credentials and variables on %s', (kind) => {
  let t: TestApp;
  let owner: Identity;
  let editor: Identity;
  let viewer: Identity;
  let outsider: Identity;
  let projectA: string;
  let projectB: string;
  let credentialId = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await setupOwner(t.app);
    editor = await createUser(t.app, owner, 'editor@example.com');
    viewer = await createUser(t.app, owner, 'viewer@example.com');
    outsider = await createUser(t.app, owner, 'outsider@example.com');
    projectA = await createProject(t.app, owner, 'Team A');
    projectB = await createProject(t.app, owner, 'Team B');
    await addMember(t.app, owner, projectA, editor.userId, 'editor');
    await addMember(t.app, owner, projectA, viewer.userId, 'viewer');
    await addMember(t.app, owner, projectB, outsider.userId, 'editor');
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('lists credential types from the node registry', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/credential-types',
      headers: editor.headers,
    });
    const types = (json(res) as { data: { name: string; secretFields: string[] }[] }).data;
    expect(types.find((c) => c.name === 'httpBasicAuth')).toMatchObject({ secretFields: ['password'] });
  });

  it('creates a credential with secrets masked in every response', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: editor.headers,
      payload: { name: 'Bad', type: 'httpBasicAuth', projectId: projectA, data: { user: 'u', nope: 1 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ code: 'CREDENTIAL_DATA_INVALID', details: { field: 'data.nope' } });
    const unknownType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: editor.headers,
      payload: { name: 'Bad', type: 'noSuchType', projectId: projectA, data: {} },
    });
    expect(json(unknownType)).toMatchObject({ code: 'CREDENTIAL_TYPE_UNKNOWN' });
    // A client cannot plant an OAuth2 token: only the connect flow writes it.
    const planted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: editor.headers,
      payload: {
        name: 'Planted',
        type: 'oAuth2Api',
        projectId: projectA,
        data: {
          grantType: 'authorizationCode',
          authUrl: 'https://idp.example/authorize',
          accessTokenUrl: 'https://idp.example/token',
          clientId: 'c',
          oauthTokenData: { access_token: 'forged', token_type: 'Bearer' },
        },
      },
    });
    expect(planted.statusCode).toBe(400);
    expect(json(planted)).toMatchObject({
      code: 'CREDENTIAL_DATA_INVALID',
      details: { field: 'oauthTokenData' },
    });

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: editor.headers,
      payload: {
        name: 'API login',
        type: 'httpBasicAuth',
        projectId: projectA,
        data: { user: 'alice', password: SECRET },
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain(SECRET);
    const created = json(res) as { id: string; data: Record<string, unknown> };
    credentialId = created.id;
    expect(created.data).toEqual({ user: 'alice', password: '__guixu_secret__' });

    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: editor.headers,
      payload: { name: 'API login', type: 'httpBasicAuth', projectId: projectA, data: { user: 'x' } },
    });
    expect(dup.statusCode).toBe(409);

    for (const who of [owner, editor]) {
      const got = await t.app.inject({
        method: 'GET',
        url: `/api/v1/credentials/${credentialId}`,
        headers: who.headers,
      });
      expect(got.statusCode).toBe(200);
      expect(got.body).not.toContain(SECRET);
    }
    const asViewer = json(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/credentials/${credentialId}`,
        headers: viewer.headers,
      }),
    );
    expect(asViewer).not.toHaveProperty('data');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: editor.headers });
    expect(list.body).not.toContain(SECRET);
  });

  it('keeps a masked secret on update and replaces a new one', async () => {
    const keep = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/credentials/${credentialId}`,
      headers: editor.headers,
      payload: { data: { user: 'bob', password: '__guixu_secret__' } },
    });
    expect(keep.statusCode).toBe(200);
    const provider = t.ctx.services.get('credentials').providerFor({ projectId: projectA });
    const request = {
      ref: { id: credentialId, name: 'API login' },
      type: 'httpBasicAuth',
      node: 'HTTP',
      executionId: 'e1',
    };
    expect(await provider.get(request)).toEqual({ user: 'bob', password: SECRET });
    // Another project's run cannot get it, until it is shared with `use`.
    const other = t.ctx.services.get('credentials').providerFor({ projectId: projectB });
    await expect(other.get(request)).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_FOUND', node: 'HTTP' });
    const share = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/shares/credential/${credentialId}/${projectB}`,
      headers: owner.headers,
      payload: { access: 'use' },
    });
    expect(share.statusCode).toBe(200);
    expect(await other.get(request)).toEqual({ user: 'bob', password: SECRET });
    // Shared for use: visible in B's list, data never shown to B's editor.
    const seen = await t.app.inject({
      method: 'GET',
      url: `/api/v1/credentials/${credentialId}`,
      headers: outsider.headers,
    });
    expect(seen.statusCode).toBe(200);
    expect(json(seen)).not.toHaveProperty('data');
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/credentials/${credentialId}`,
      headers: outsider.headers,
      payload: { name: 'Mine now' },
    });
    expect(edit.statusCode).toBe(403);
  });

  it('hides and forbids by role: viewer 403 on change, non-member 404', async () => {
    const asViewer = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/credentials/${credentialId}`,
      headers: viewer.headers,
    });
    expect(asViewer.statusCode).toBe(403);
    const stranger = await createUser(t.app, owner, 'stranger@example.com');
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/v1/credentials/${credentialId}`,
      headers: stranger.headers,
    });
    expect(hidden.statusCode).toBe(404);
    expect(json(hidden)).toMatchObject({ code: 'CREDENTIAL_NOT_FOUND' });
    const list = json(
      await t.app.inject({ method: 'GET', url: '/api/v1/credentials', headers: stranger.headers }),
    );
    expect(list).toEqual({ data: [] });
    const intoA = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: stranger.headers,
      payload: { name: 'Sneaky', type: 'httpBasicAuth', projectId: projectA, data: { user: 'x' } },
    });
    expect(intoA.statusCode).toBe(404);
    expect(json(intoA)).toMatchObject({ code: 'PROJECT_NOT_FOUND' });
  });

  it('stores secret variables encrypted and masks them; $vars get clear values', async () => {
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/v1/variables',
      headers: editor.headers,
      payload: { projectId: projectA, key: 'REGION', value: 'eu-west' },
    });
    expect(plain.statusCode).toBe(201);
    const secret = await t.app.inject({
      method: 'POST',
      url: '/api/v1/variables',
      headers: editor.headers,
      payload: { projectId: projectA, key: 'TOKEN', value: SECRET_VAR, secret: true },
    });
    expect(secret.statusCode).toBe(201);
    expect(secret.body).not.toContain(SECRET_VAR);
    const badKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/variables',
      headers: editor.headers,
      payload: { projectId: projectA, key: '1bad-key', value: 'x' },
    });
    expect(badKey.statusCode).toBe(400);
    const byViewer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/variables',
      headers: viewer.headers,
      payload: { projectId: projectA, key: 'NOPE', value: 'x' },
    });
    expect(byViewer.statusCode).toBe(403);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/variables?projectId=${projectA}`,
      headers: viewer.headers,
    });
    expect(list.body).not.toContain(SECRET_VAR);
    expect((json(list) as { data: unknown[] }).data).toHaveLength(2);
    const strangerList = await t.app.inject({
      method: 'GET',
      url: `/api/v1/variables?projectId=${projectA}`,
      headers: outsider.headers,
    });
    expect(strangerList.statusCode).toBe(404);
    const secretId = (json(secret) as { id: string }).id;
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/variables/${secretId}`,
      headers: editor.headers,
      payload: { value: '__guixu_secret__' },
    });
    expect(await t.ctx.services.get('variables').varsForProject(projectA)).toEqual({
      REGION: 'eu-west',
      TOKEN: SECRET_VAR,
    });
  });

  it('leaves no credential secret or secret variable in clear in the database', async () => {
    const db = t.ctx.database.db;
    const dump: string[] = [];
    for (const table of ['credentials', 'variables', 'audit_log', 'instance_settings']) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
      dump.push(JSON.stringify(rows.rows));
    }
    const all = dump.join('\n');
    expect(all).toContain('eu-west');
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(SECRET_VAR);
    expect(all).not.toContain('alice');
  });

  it('records changes in the audit log without secrets', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit?resourceType=credential`,
      headers: owner.headers,
    });
    const entries = (json(res) as { data: { action: string }[] }).data.map((e) => e.action);
    expect(entries).toEqual(
      expect.arrayContaining(['credential.create', 'credential.update', 'credential.share']),
    );
    expect(res.body).not.toContain(SECRET);
    const forbidden = await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: editor.headers });
    expect(forbidden.statusCode).toBe(403);
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit/export?format=csv&action=credential.create',
      headers: owner.headers,
    });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[0]).toMatch(/^at,actor_id/);
    expect(csv.body).toContain('credential.create');
  });
});
