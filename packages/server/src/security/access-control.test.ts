import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature } from '../context.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import type { AccessControlOptions } from './access-control.ts';
import { PUBLIC_PREFIXES, ROUTE_RULES } from './route-rules.ts';
import { GUARDED_ROUTES } from './secure-route.ts';
import {
  addMember,
  createProject,
  createUser,
  type Identity,
  json,
  setupOwner,
} from './testing/identities.ts';

/** Stand-in routes of another feature; the app's one hook applies the rules table given to it. */
const probe: Feature = {
  name: 'access-probe',
  order: 99,
  routes(app) {
    app.get('/api/v1/probe/credentials/:id', async (request) => ({ ok: true, by: request.actor?.email }));
    app.delete('/api/v1/probe/credentials/:id', async () => ({ ok: true }));
    app.get('/api/v1/probe/unruled', async () => ({ ok: true }));
    app.get('/probe-public', async () => ({ ok: true }));
  },
};

const accessControl = {
  rules: {
    ...ROUTE_RULES,
    'GET /api/v1/probe/credentials/:id': { resource: 'credential', action: 'read' },
    'DELETE /api/v1/probe/credentials/:id': { resource: 'credential', action: 'delete' },
  },
  publicPrefixes: [...PUBLIC_PREFIXES, '/probe-public'],
} satisfies AccessControlOptions;

describe('installAccessControl', () => {
  let t: TestApp;
  let owner: Identity;
  let viewer: Identity;
  let stranger: Identity;
  let credentialId = '';
  beforeAll(async () => {
    t = await createTestApp('sqlite', { features: [probe], accessControl, auth: 'none' });
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

  it('has a rule for every API route of the other features, and no rule for a route that does not exist', () => {
    const routes = t.ctx.contracts.routes.map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(ROUTE_RULES).filter((key) => !routes.includes(key))).toEqual([]);
    const unruled = routes.filter(
      (key) => key.includes(' /api/') && !(key in ROUTE_RULES) && !GUARDED_ROUTES.has(key),
    );
    expect(unruled).toEqual([]);
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
    expect((await t.app.inject({ method: 'GET', url: '/probe-public' })).statusCode).toBe(200);
  });
});
