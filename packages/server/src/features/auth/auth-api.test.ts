import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, login, setupOwner, TEST_PASSWORD } from '../../security/testing/identities.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

function cookies(setCookie: string | string[] | undefined): Record<string, string> {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const out: Record<string, string> = {};
  for (const c of list) {
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    out[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
  }
  return out;
}

describe.each(BACKENDS)('accounts and sessions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { auth: 'none' });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('sets up the owner once; a second setup is refused and changes nothing', async () => {
    const status = await t.app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(json(status)).toEqual({ ownerExists: false, ssoEnabled: false });
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup/owner',
      payload: { email: 'owner@example.com', password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(json(weak)).toMatchObject({ code: 'PASSWORD_WEAK' });
    expect(json(await t.app.inject({ method: 'GET', url: '/api/v1/setup' }))).toMatchObject({
      ownerExists: false,
    });

    const owner = await setupOwner(t.app);
    expect(owner.email).toBe('owner@example.com');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup/owner',
      payload: { email: 'evil@example.com', password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(409);
    expect(json(again)).toMatchObject({ code: 'OWNER_EXISTS' });
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: owner.headers });
    expect(json(users)).toMatchObject({ data: [{ email: 'owner@example.com', role: 'owner' }] });
  });

  it('refuses a duplicate email with 409 and creates no second row', async () => {
    const owner = await login(t.app, 'owner@example.com');
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: owner.headers,
      payload: { email: 'OWNER@example.com', password: TEST_PASSWORD },
    });
    expect(dup.statusCode).toBe(409);
    expect(json(dup)).toMatchObject({ code: 'EMAIL_TAKEN' });
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: owner.headers });
    expect((json(users) as { data: unknown[] }).data).toHaveLength(1);
  });

  it('answers 401 for no token, forged, tampered and garbage tokens', async () => {
    const owner = await login(t.app, 'owner@example.com');
    const token = owner.headers.authorization.slice('Bearer '.length);
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'x', sid: 'y', iat: 0, exp: 9_999_999_999 })).toString(
      'base64url',
    );
    for (const authorization of [
      undefined,
      `Bearer ${h}.${forged}.${s}`,
      `Bearer ${h}.${p}.${s.slice(1)}x`,
      'Bearer gx_nope',
      'Basic abc',
    ]) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: authorization ? { authorization } : {},
      });
      expect(res.statusCode).toBe(401);
      expect(json(res)).toMatchObject({ code: expect.stringMatching(/^AUTH_/) });
    }
    const tamperedCookie = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `guixu_access=${h}.${forged}.${s}` },
    });
    expect(tamperedCookie.statusCode).toBe(401);
  });

  it('browser sessions: httpOnly cookies, CSRF on changes, rotating refresh, reuse revokes, logout revokes', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'owner@example.com', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const setCookie = res.headers['set-cookie'];
    const raw = (Array.isArray(setCookie) ? setCookie : [String(setCookie)]).join('\n');
    expect(raw).toMatch(/guixu_access=[^;]+;.*HttpOnly/);
    const refreshCookie = raw.split('\n').find((c) => c.startsWith('guixu_refresh=')) ?? '';
    for (const attribute of ['Path=/api/v1/auth', 'SameSite=Strict', 'HttpOnly'])
      expect(refreshCookie).toContain(attribute);
    const jar = cookies(setCookie);
    const body = json(res) as { csrfToken: string; accessToken?: string };
    expect(body.accessToken).toBeUndefined();
    const cookie = `guixu_access=${jar.guixu_access}; guixu_csrf=${jar.guixu_csrf}`;

    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode,
    ).toBe(200);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { cookie },
      payload: { name: 'X' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(json(noCsrf)).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
    const projects = await t.app.inject({ method: 'GET', url: '/api/v1/projects', headers: { cookie } });
    expect((json(projects) as { data: unknown[] }).data).toHaveLength(1);
    const withCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { cookie, 'x-guixu-csrf': body.csrfToken },
      payload: { name: 'X' },
    });
    expect(withCsrf.statusCode).toBe(201);

    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { cookie: `guixu_refresh=${jar.guixu_refresh}` },
      payload: {},
    });
    expect(refreshed.statusCode).toBe(200);
    const jar2 = cookies(refreshed.headers['set-cookie']);
    expect(jar2.guixu_refresh).not.toBe(jar.guixu_refresh);
    // Replaying the rotated token means it leaked: the session dies, the new token with it.
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { cookie: `guixu_refresh=${jar.guixu_refresh}` },
      payload: {},
    });
    expect(replay.statusCode).toBe(401);
    const afterReplay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { cookie: `guixu_refresh=${jar2.guixu_refresh}` },
      payload: {},
    });
    expect(afterReplay.statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/auth/me',
          headers: { cookie: `guixu_access=${jar2.guixu_access}` },
        })
      ).statusCode,
    ).toBe(401);

    const script = await login(t.app, 'owner@example.com');
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: script.headers,
    });
    expect(logout.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: script.headers })).statusCode,
    ).toBe(401);
  });

  it('lists and revokes my sessions', async () => {
    const a = await login(t.app, 'owner@example.com');
    const b = await login(t.app, 'owner@example.com');
    const list = json(
      await t.app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: a.headers }),
    ) as {
      data: { id: string; current: boolean }[];
    };
    const current = list.data.find((s) => s.current);
    expect(current).toBeDefined();
    const other = list.data.filter((s) => !s.current);
    expect(other.length).toBeGreaterThan(0);
    for (const s of other) {
      expect(
        (await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${s.id}`, headers: a.headers }))
          .statusCode,
      ).toBe(204);
    }
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: b.headers })).statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: a.headers })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/v1/auth/sessions/nope', headers: a.headers }))
        .statusCode,
    ).toBe(404);
  });

  it('backs off after repeated failures with Retry-After, the same for an unknown email', async () => {
    const owner = await login(t.app, 'owner@example.com');
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: owner.headers,
      payload: { email: 'lock@example.com', password: TEST_PASSWORD },
    });
    for (let i = 0; i < 5; i++) {
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'lock@example.com', password: 'Wrong-pass-1' },
      });
      expect(bad.statusCode).toBe(401);
      expect(json(bad)).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'lock@example.com', password: TEST_PASSWORD },
    });
    expect(locked.statusCode).toBe(429);
    expect(json(locked)).toMatchObject({ code: 'LOGIN_THROTTLED' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // An email nobody has answers exactly alike: the answers tell nothing about who has an account.
    const ghost = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'ghost@example.com', password: 'Wrong-pass-1' },
        // Another client, so this file's sign-ins stay under the per-address request limit.
        remoteAddress: '10.9.9.9',
      });
      ghost.push(`${res.statusCode} ${(json(res) as { code: string }).code}`);
    }
    expect(ghost).toEqual([
      ...Array(5).fill('401 AUTH_INVALID_CREDENTIALS'),
      `429 ${(json(locked) as { code: string }).code}`,
    ]);
    const audit = json(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/audit?action=user.login_failed',
        headers: owner.headers,
      }),
    ) as { data: { actor: { label: string } }[] };
    // Five wrong passwords plus the attempt refused while locked.
    expect(audit.data.filter((e) => e.actor.label === 'lock@example.com')).toHaveLength(6);
  });

  it('changes and resets passwords with one-time links', async () => {
    const owner = await login(t.app, 'owner@example.com');
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: owner.headers,
      payload: { email: 'pw@example.com', password: TEST_PASSWORD },
    });
    const user = await login(t.app, 'pw@example.com');
    const other = await login(t.app, 'pw@example.com');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: user.headers,
      payload: { currentPassword: 'nope', newPassword: 'Another-pass-42' },
    });
    expect(wrong.statusCode).toBe(401);
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: user.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'password1' },
    });
    expect(weak.statusCode).toBe(400);
    expect(json(weak)).toMatchObject({ code: 'PASSWORD_WEAK' });
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: user.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Another-pass-42' },
    });
    expect(ok.statusCode).toBe(204);
    // Other sessions are signed out; this one stays.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: other.headers })).statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: user.headers })).statusCode,
    ).toBe(200);

    const accounts = t.ctx.services.get('accounts');
    const row = await accounts.findByEmail('pw@example.com');
    const token = await accounts.issuePasswordToken(row?.id ?? '', 'reset');
    const forgot = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      payload: { email: 'nobody@example.com' },
    });
    expect(forgot.statusCode).toBe(202);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { token: 'forged', password: 'Third-pass-77' },
    });
    expect(bad.statusCode).toBe(401);
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { token, password: 'Third-pass-77' },
    });
    expect(reset.statusCode).toBe(204);
    const reuse = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { token, password: 'Fourth-pass-77' },
    });
    expect(reuse.statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: user.headers })).statusCode,
    ).toBe(401);
    await expect(login(t.app, 'pw@example.com', 'Third-pass-77')).resolves.toMatchObject({
      email: 'pw@example.com',
    });
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe.each(BACKENDS)('racing owner setups on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { auth: 'none' });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('lets exactly one of several simultaneous setups win', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/setup/owner',
          payload: { email: `owner${i}@example.com`, password: TEST_PASSWORD },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const owners = await t.ctx.services
      .get('security')
      .db.selectFrom('users')
      .select('id')
      .where('role', '=', 'owner')
      .execute();
    expect(owners).toHaveLength(1);
  });
});
