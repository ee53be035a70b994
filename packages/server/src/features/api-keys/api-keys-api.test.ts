import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProject,
  createUser,
  type Identity,
  json,
  setupOwner,
} from '../../security/testing/identities.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

describe.each(BACKENDS)('API keys on %s', (kind) => {
  let t: TestApp;
  let owner: Identity;
  let member: Identity;
  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await setupOwner(t.app);
    member = await createUser(t.app, owner, 'scripter@example.com');
  });
  afterAll(async () => {
    await t.dispose();
  });

  async function createKey(who: Identity, payload: Record<string, unknown>) {
    return t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: who.headers, payload });
  }

  it('shows the key once, stores only a hash, and authenticates with it', async () => {
    const res = await createKey(member, {
      name: 'CI',
      scopes: ['credential:read', 'credential:write', 'variable:read'],
    });
    expect(res.statusCode).toBe(201);
    const created = json(res) as { id: string; key: string; prefix: string };
    expect(created.key).toMatch(/^gx_[0-9a-f]{16}_/);
    const stored = await sql<Record<string, unknown>>`select * from api_keys`.execute(t.ctx.database.db);
    expect(JSON.stringify(stored.rows)).not.toContain(created.key.split('_').slice(2).join('_'));
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: member.headers });
    expect(list.body).not.toContain(created.key);
    expect(json(list)).toMatchObject({ data: [{ id: created.id, name: 'CI', lastUsedAt: null }] });

    for (const headers of [{ authorization: `Bearer ${created.key}` }, { 'x-api-key': created.key }]) {
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
      expect(json(me)).toMatchObject({ user: { email: 'scripter@example.com' }, via: 'apiKey' });
    }
    const keyHeaders = { authorization: `Bearer ${created.key}` };
    // Scopes narrow what the key can do: variables are read-only for this key.
    const personal = (
      json(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: keyHeaders })) as {
        personalProjectId: string;
      }
    ).personalProjectId;
    const variable = await t.app.inject({
      method: 'POST',
      url: '/api/v1/variables',
      headers: keyHeaders,
      payload: { projectId: personal, key: 'X', value: '1' },
    });
    expect(variable.statusCode).toBe(403);
    const credential = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: keyHeaders,
      payload: { name: 'From CI', type: 'httpBasicAuth', data: { user: 'ci' } },
    });
    expect(credential.statusCode).toBe(201);
    // A key cannot mint a broader key.
    const broader = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: keyHeaders,
      payload: { name: 'escalate', scopes: ['workflow:write'] },
    });
    expect(broader.statusCode).toBe(403);

    const listed = json(
      await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: member.headers }),
    ) as {
      data: { lastUsedAt: string | null }[];
    };
    expect(listed.data[0].lastUsedAt).not.toBeNull();
    const audit = json(
      await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=apiKey.use', headers: owner.headers }),
    ) as {
      data: unknown[];
    };
    expect(audit.data.length).toBeGreaterThan(0);

    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${created.id}`,
      headers: member.headers,
    });
    expect(revoke.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: keyHeaders });
    expect(after.statusCode).toBe(401);
  });

  it("refuses bad scopes, past expiry, other people's keys, and expired keys", async () => {
    expect((await createKey(member, { name: 'x', scopes: ['everything:write'] })).statusCode).toBe(400);
    expect(
      (await createKey(member, { name: 'x', scopes: ['workflow:read'], expiresAt: '2001-01-01T00:00:00Z' }))
        .statusCode,
    ).toBe(400);
    const mine = json(await createKey(member, { name: 'mine', scopes: ['workflow:read'] })) as {
      id: string;
      key: string;
    };
    const other = await createUser(t.app, owner, 'other@example.com');
    const steal = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${mine.id}`,
      headers: other.headers,
    });
    expect(steal.statusCode).toBe(404);
    await t.ctx.database.db
      .withTables<{ api_keys: { id: string; expires_at: string | null } }>()
      .updateTable('api_keys')
      .set({ expires_at: '2001-01-01T00:00:00.000Z' })
      .where('id', '=', mine.id)
      .execute();
    const expired = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${mine.key}` },
    });
    expect(expired.statusCode).toBe(401);
    const forged = `${mine.key.slice(0, -4)}AAAA`;
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { 'x-api-key': forged } }))
        .statusCode,
    ).toBe(401);
  });
});

describe.each(BACKENDS)('projects, sharing and moving on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('moves a credential between projects and refuses to delete a project that still holds things', async () => {
    const owner = await setupOwner(t.app);
    const a = await createProject(t.app, owner, 'A');
    const b = await createProject(t.app, owner, 'B');
    const created = json(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/credentials',
        headers: owner.headers,
        payload: { name: 'Mover', type: 'httpBasicAuth', projectId: a, data: { user: 'm' } },
      }),
    ) as { id: string };
    const move = await t.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${b}/transfer`,
      headers: owner.headers,
      payload: { resourceType: 'credential', resourceId: created.id },
    });
    expect(move.statusCode).toBe(204);
    const got = json(
      await t.app.inject({ method: 'GET', url: `/api/v1/credentials/${created.id}`, headers: owner.headers }),
    );
    expect(got).toMatchObject({ projectId: b });
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/projects/${b}`,
      headers: owner.headers,
    });
    expect(del.statusCode).toBe(409);
    expect(json(del)).toMatchObject({ code: 'PROJECT_NOT_EMPTY' });
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/projects/${a}`, headers: owner.headers }))
        .statusCode,
    ).toBe(204);
    const me = json(
      await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: owner.headers }),
    ) as { personalProjectId: string };
    const personal = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/projects/${me.personalProjectId}`,
      headers: owner.headers,
      payload: { name: 'x' },
    });
    expect(personal.statusCode).toBe(400);
    expect(json(personal)).toMatchObject({ code: 'PROJECT_PERSONAL' });
  });
});
