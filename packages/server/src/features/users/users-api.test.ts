import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createProject,
  createUser,
  type Identity,
  json,
  login,
  setupOwner,
  TEST_PASSWORD,
} from '../../security/testing/identities.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

describe.each(BACKENDS)('users on %s', (kind) => {
  let t: TestApp;
  let owner: Identity;
  let admin: Identity;
  let member: Identity;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: { GUIXU_LOGIN_RATE_LIMIT: '0' } });
    owner = await setupOwner(t.app);
    admin = await createUser(t.app, owner, 'boss@example.com', 'admin');
    member = await createUser(t.app, owner, 'worker@example.com');
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('invites a user without a password through a one-time link', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email: 'new@example.com' },
    });
    expect(res.statusCode).toBe(201);
    const { inviteUrl, user } = json(res) as { inviteUrl: string; user: { hasPassword: boolean } };
    expect(user.hasPassword).toBe(false);
    const token = new URL(inviteUrl).searchParams.get('token') ?? '';
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { token, password: TEST_PASSWORD },
    });
    expect(set.statusCode).toBe(204);
    await expect(login(t.app, 'new@example.com')).resolves.toMatchObject({ email: 'new@example.com' });
  });

  it('shows members only the users of their projects; owners and admins see everyone', async () => {
    const colleague = await createUser(t.app, owner, `colleague-${kind}@example.com`);
    const stranger = await createUser(t.app, owner, `stranger-${kind}@example.com`);
    const project = await createProject(t.app, owner, 'Team');
    await addMember(t.app, owner, project, member.userId, 'viewer');
    await addMember(t.app, owner, project, colleague.userId, 'editor');
    const emails = async (who: Identity) => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: who.headers });
      expect(res.statusCode).toBe(200);
      return (json(res) as { data: { email: string }[] }).data.map((u) => u.email);
    };
    const seen = await emails(member);
    expect(seen).toContain(colleague.email);
    expect(seen).toContain(member.email);
    expect(seen).not.toContain(stranger.email);
    expect(seen).not.toContain(admin.email);
    expect(await emails(admin)).toEqual(
      expect.arrayContaining([stranger.email, colleague.email, owner.email]),
    );
    const one = (who: Identity, id: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/users/${id}`, headers: who.headers });
    expect((await one(member, colleague.userId)).statusCode).toBe(200);
    expect((await one(member, stranger.userId)).statusCode).toBe(404);
    expect((await one(member, 'no-such-user')).statusCode).toBe(404);
  });

  it('lets users rename themselves but not change their own role; protects the owner', async () => {
    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${member.userId}`,
      headers: member.headers,
      payload: { displayName: 'Worker Bee' },
    });
    expect(json(self)).toMatchObject({ displayName: 'Worker Bee', role: 'member' });
    const promote = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${member.userId}`,
      headers: member.headers,
      payload: { role: 'admin' },
    });
    expect(promote.statusCode).toBe(403);
    // The admin shares no project with the member: hidden, like a user that does not exist.
    const other = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${admin.userId}`,
      headers: member.headers,
      payload: { displayName: 'x' },
    });
    expect(other.statusCode).toBe(404);
    const demoteOwner = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${owner.userId}`,
      headers: admin.headers,
      payload: { role: 'member' },
    });
    expect(demoteOwner.statusCode).toBe(403);
    const deleteOwner = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/users/${owner.userId}`,
      headers: admin.headers,
    });
    expect(deleteOwner.statusCode).toBe(403);
    const badRole = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${member.userId}`,
      headers: admin.headers,
      payload: { role: 'owner' },
    });
    expect(badRole.statusCode).toBe(400);
  });

  it('disabling a user ends their sessions and blocks sign-in; deleting removes them', async () => {
    const victim = await createUser(t.app, owner, 'leaver@example.com');
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${victim.userId}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(json(off)).toMatchObject({ disabled: true });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: victim.headers })).statusCode,
    ).toBe(401);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'leaver@example.com', password: TEST_PASSWORD },
    });
    expect(signIn.statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/users/${victim.userId}`,
          headers: admin.headers,
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/users/${victim.userId}`, headers: admin.headers }))
        .statusCode,
    ).toBe(404);
    const audit = json(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/audit?resourceId=${victim.userId}`,
        headers: owner.headers,
      }),
    ) as {
      data: { action: string; diff: unknown }[];
    };
    expect(audit.data.map((e) => e.action)).toEqual([
      'user.delete',
      'user.update',
      'user.login',
      'user.create',
    ]);
    expect(audit.data[1].diff).toEqual({ disabled: [false, true] });
  });
});
