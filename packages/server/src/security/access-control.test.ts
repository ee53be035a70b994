import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature } from '../context.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { routesWithoutAccess } from './access-control.ts';
import { PUBLIC } from './route-access.ts';
import {
  addMember,
  createProject,
  createUser,
  type Identity,
  json,
  setupOwner,
} from './testing/identities.ts';

/** Stand-in routes of another feature, each declaring its access as `route()` does; the app's one hook enforces it. */
const probe: Feature = {
  name: 'access-probe',
  order: 99,
  routes(app) {
    const read = { resource: 'credential', action: 'read' } as const;
    const remove = { resource: 'credential', action: 'delete' } as const;
    app.get('/api/v1/probe/credentials/:id', { config: { access: read } }, async (request) => ({
      ok: true,
      by: request.actor?.email,
    }));
    app.delete('/api/v1/probe/credentials/:id', { config: { access: remove } }, async () => ({ ok: true }));
    app.get('/api/v1/probe/unruled', async () => ({ ok: true }));
    app.get('/api/v1/probe/public', { config: { access: PUBLIC } }, async () => ({ ok: true }));
    app.get('/probe-outside-api', async () => ({ ok: true }));
  },
};

describe('installAccessControl', () => {
  let t: TestApp;
  let owner: Identity;
  let viewer: Identity;
  let stranger: Identity;
  let credentialId = '';
  beforeAll(async () => {
    t = await createTestApp('sqlite', { features: [probe], auth: 'none' });
    owner = await setupOwner(t.app);
    viewer = await createUser(t.app, owner, 'viewer@example.com');
    stranger = await createUser(t.app, owner, 'stranger@example.com');
    const project = await createProject(t.app, owner, 'P');
    await addMember(t.app, owner, project, viewer.userId, 'viewer');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: owner.headers,
      payload: { name: 'c', type: 'httpBasicAuth', projectId: project, data: { user: 'u' } },
    });
    credentialId = (json(res) as { id: string }).id;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('applies the rule of the matched route: 401, 404 hidden, 403 forbidden, allow', async () => {
    const url = `/api/v1/probe/credentials/${credentialId}`;
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url, headers: stranger.headers })).statusCode).toBe(404);
    const read = await t.app.inject({ method: 'GET', url, headers: viewer.headers });
    expect(json(read)).toEqual({ ok: true, by: 'viewer@example.com' });
    const del = await t.app.inject({ method: 'DELETE', url, headers: viewer.headers });
    expect(del.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url, headers: owner.headers })).statusCode).toBe(200);
  });

  it('every route registered from a contract declares its access', () => {
    // Only the probe's deliberate omission: every feature's API route carries its rule.
    expect(routesWithoutAccess(t.ctx).filter((r) => !r.startsWith('HEAD '))).toEqual([
      'GET /api/v1/probe/unruled',
    ]);
  });

  it('keeps API routes without a rule closed, public prefixes open', async () => {
    const closed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/probe/unruled',
      headers: owner.headers,
    });
    expect(closed.statusCode).toBe(403);
    expect(json(closed)).toMatchObject({
      code: 'FORBIDDEN',
      details: { route: 'GET /api/v1/probe/unruled' },
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/probe/public' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/probe-outside-api' })).statusCode).toBe(200);
  });
});
