import { z } from 'zod';
import { cells, createAs, type MatrixCase, type World } from './isolation-matrix.ts';

let counter = 0;
export const unique = (prefix: string) => `${prefix}${++counter}`;

// Shapes of the common answers: members of A read; writers of A write; B's members never see A.
const readInA = cells('allow', { bEditor: 404, anonymous: 401 });
const writeInA = cells('allow', { aViewer: 403, bEditor: 404, anonymous: 401, aEditorReadKey: 403 });
const adminOfA = cells('allow', {
  aEditor: 403,
  aViewer: 403,
  bEditor: 404,
  anonymous: 401,
  aEditorReadKey: 403,
});
const instanceAdmins = cells(403, { owner: 'allow', admin: 'allow', anonymous: 401 });
const anyUser = cells('allow', { anonymous: 401 });

export const credential = (w: World) => ({
  name: unique('cred'),
  type: 'httpBasicAuth',
  projectId: w.projectA,
  data: { user: 'u', password: 'p4ssword-secret' },
});
const freshCredential = async (w: World) => ({
  fresh: await createAs(w.app, w.who.owner ?? fail(), '/api/v1/credentials', credential(w)),
});
const freshVariable = async (w: World) => ({
  fresh: await createAs(w.app, w.who.owner ?? fail(), '/api/v1/variables', {
    projectId: w.projectA,
    key: unique('V'),
    value: 'x',
  }),
});

export function fail(): never {
  throw new Error('owner missing');
}

/**
 * The route × role matrix for the routes of issue 4. Other features add their
 * routes as more cases (same personas, same world) once they are guarded.
 */
export const SECURITY_CASES: MatrixCase[] = [
  { route: 'GET /api/v1/credentials', url: () => '/api/v1/credentials', expect: anyUser },
  {
    route: 'GET /api/v1/credentials/:id',
    url: (_w, ids) => `/api/v1/credentials/${ids.credential}`,
    expect: readInA,
  },
  {
    route: 'PATCH /api/v1/credentials/:id',
    url: (_w, ids) => `/api/v1/credentials/${ids.credential}`,
    payload: () => ({ name: 'Shared login' }),
    expect: writeInA,
  },
  {
    route: 'DELETE /api/v1/credentials/:id',
    url: (_w, ids) => `/api/v1/credentials/${ids.fresh}`,
    fresh: freshCredential,
    expect: writeInA,
  },
  {
    route: 'POST /api/v1/credentials',
    url: () => '/api/v1/credentials',
    payload: (w) => credential(w),
    expect: writeInA,
  },
  {
    route: 'POST /api/v1/credentials/:id/test',
    url: (_w, ids) => `/api/v1/credentials/${ids.credential}/test`,
    expect: writeInA,
  },
  {
    route: 'PUT /api/v1/shares/:resourceType/:resourceId/:projectId',
    url: (w, ids) => `/api/v1/shares/credential/${ids.fresh}/${w.projectB}`,
    fresh: freshCredential,
    payload: () => ({ access: 'use' }),
    // aAdmin is not in B: sharing into it answers like a project that does not exist.
    expect: { ...adminOfA, aAdmin: 404 },
  },
  {
    route: 'POST /api/v1/projects/:id/transfer',
    url: (w) => `/api/v1/projects/${w.projectB}/transfer`,
    fresh: freshCredential,
    payload: (_w, ids) => ({ resourceType: 'credential', resourceId: ids.fresh }),
    expect: cells(404, { owner: 'allow', admin: 'allow', anonymous: 401 }),
  },
  {
    route: 'GET /api/v1/variables',
    url: (w) => `/api/v1/variables?projectId=${w.projectA}`,
    expect: readInA,
  },
  {
    route: 'POST /api/v1/variables',
    url: () => '/api/v1/variables',
    payload: (w) => ({ projectId: w.projectA, key: unique('K'), value: 'v' }),
    expect: writeInA,
  },
  {
    route: 'PATCH /api/v1/variables/:id',
    url: (_w, ids) => `/api/v1/variables/${ids.variable}`,
    payload: () => ({ value: 'changed' }),
    expect: writeInA,
  },
  {
    route: 'DELETE /api/v1/variables/:id',
    url: (_w, ids) => `/api/v1/variables/${ids.fresh}`,
    fresh: freshVariable,
    expect: writeInA,
  },
  { route: 'GET /api/v1/projects', url: () => '/api/v1/projects', expect: anyUser },
  { route: 'GET /api/v1/projects/:id', url: (w) => `/api/v1/projects/${w.projectA}`, expect: readInA },
  {
    route: 'GET /api/v1/projects/:id/members',
    url: (w) => `/api/v1/projects/${w.projectA}/members`,
    expect: readInA,
  },
  {
    route: 'PATCH /api/v1/projects/:id',
    url: (w) => `/api/v1/projects/${w.projectA}`,
    payload: () => ({ name: 'Project A' }),
    expect: adminOfA,
  },
  {
    route: 'PUT /api/v1/projects/:id/members/:userId',
    url: (w, ids) => `/api/v1/projects/${w.projectA}/members/${ids.spare}`,
    payload: () => ({ role: 'viewer' }),
    expect: adminOfA,
  },
  {
    route: 'POST /api/v1/projects',
    url: () => '/api/v1/projects',
    payload: () => ({ name: unique('Team ') }),
    expect: instanceAdmins,
  },
  {
    route: 'GET /api/v1/users',
    url: () => '/api/v1/users',
    expect: cells('allow', { anonymous: 401, aEditorReadKey: 403 }),
  },
  {
    route: 'POST /api/v1/users',
    url: () => '/api/v1/users',
    payload: () => ({ email: `${unique('new')}@example.com` }),
    expect: instanceAdmins,
  },
  { route: 'GET /api/v1/audit', url: () => '/api/v1/audit', expect: instanceAdmins },
  {
    route: 'PUT /api/v1/audit/settings',
    url: () => '/api/v1/audit/settings',
    payload: () => ({ retentionDays: 90 }),
    expect: cells(403, { owner: 'allow', anonymous: 401 }),
  },
  {
    route: 'GET /api/v1/api-keys',
    url: () => '/api/v1/api-keys',
    expect: cells('allow', { anonymous: 401, aEditorReadKey: 403 }),
  },
  { route: 'GET /api/v1/auth/me', url: () => '/api/v1/auth/me', expect: anyUser },
  {
    route: 'GET /api/v1/auth/sessions',
    url: () => '/api/v1/auth/sessions',
    // An API key lists sessions only with the session:read scope.
    expect: cells('allow', { anonymous: 401, aEditorReadKey: 403 }),
  },
  { route: 'GET /api/v1/credential-types', url: () => '/api/v1/credential-types', expect: anyUser },
  {
    route: 'POST /api/v1/credentials/test',
    url: () => '/api/v1/credentials/test',
    payload: () => ({ type: 'httpBasicAuth', data: { user: 'x' } }),
    expect: anyUser,
  },
  {
    route: 'POST /api/v1/credentials/:id/oauth2/authorize',
    url: (_w, ids) => `/api/v1/credentials/${ids.credential}/oauth2/authorize`,
    expect: writeInA,
  },
  {
    // Project B's editor cannot start a sign-in for A's credential (404, as if it did not exist).
    route: 'POST /api/v1/credentials/:id/oauth1/authorize',
    url: (_w, ids) => `/api/v1/credentials/${ids.credential}/oauth1/authorize`,
    expect: writeInA,
  },
  {
    route: 'GET /api/v1/shares/:resourceType/:resourceId',
    url: (_w, ids) => `/api/v1/shares/credential/${ids.credential}`,
    expect: readInA,
  },
  {
    route: 'DELETE /api/v1/shares/:resourceType/:resourceId/:projectId',
    url: (w, ids) => `/api/v1/shares/credential/${ids.fresh}/${w.projectB}`,
    fresh: async (w) => {
      const { fresh } = await freshCredential(w);
      await w.app.inject({
        method: 'PUT',
        url: `/api/v1/shares/credential/${fresh}/${w.projectB}`,
        headers: (w.who.owner ?? fail()).headers,
        payload: { access: 'read' },
      });
      return { fresh };
    },
    // Shared into B, so B's members see it (403, not 404).
    expect: { ...adminOfA, bEditor: 403 },
  },
  {
    route: 'DELETE /api/v1/projects/:id/members/:userId',
    url: (w, ids) => `/api/v1/projects/${w.projectA}/members/${ids.spare}`,
    fresh: async (w) => {
      await w.app.inject({
        method: 'PUT',
        url: `/api/v1/projects/${w.projectA}/members/${w.ids.spare}`,
        headers: (w.who.owner ?? fail()).headers,
        payload: { role: 'viewer' },
      });
      return {};
    },
    expect: adminOfA,
  },
  {
    route: 'DELETE /api/v1/projects/:id',
    url: (_w, ids) => `/api/v1/projects/${ids.fresh}`,
    fresh: async (w) => ({
      fresh: await createAs(w.app, w.who.owner ?? fail(), '/api/v1/projects', { name: unique('Empty ') }),
    }),
    expect: cells(404, { owner: 'allow', admin: 'allow', anonymous: 401 }),
  },
  // bEditor shares no project with A's members: they cannot see that account.
  {
    route: 'GET /api/v1/users/:id',
    url: (w) => `/api/v1/users/${(w.who.bEditor ?? fail()).userId}`,
    expect: cells(404, { owner: 'allow', admin: 'allow', bEditor: 'allow', anonymous: 401 }),
  },
  {
    route: 'PATCH /api/v1/users/:id',
    url: (w) => `/api/v1/users/${(w.who.bEditor ?? fail()).userId}`,
    payload: () => ({ displayName: 'B editor' }),
    expect: cells(404, { owner: 'allow', admin: 'allow', bEditor: 'allow', anonymous: 401 }),
  },
  {
    route: 'DELETE /api/v1/users/:id',
    url: (_w, ids) => `/api/v1/users/${ids.fresh}`,
    fresh: async (w) => ({
      fresh: await createUserRow(w, `${unique('gone')}@example.com`),
    }),
    expect: instanceAdmins,
  },
  {
    route: 'GET /api/v1/audit/export',
    url: () => '/api/v1/audit/export?format=json',
    expect: instanceAdmins,
  },
  { route: 'GET /api/v1/audit/settings', url: () => '/api/v1/audit/settings', expect: instanceAdmins },
  { route: 'GET /api/v1/sso/oidc', url: () => '/api/v1/sso/oidc', expect: instanceAdmins },
  {
    route: 'PUT /api/v1/sso/oidc',
    url: () => '/api/v1/sso/oidc',
    payload: () => ({
      enabled: false,
      discoveryUrl: 'http://127.0.0.1:9/.well-known/openid-configuration',
      clientId: 'c',
      clientSecret: 's',
    }),
    expect: cells(403, { owner: 'allow', anonymous: 401 }),
  },
  {
    route: 'POST /api/v1/api-keys',
    url: () => '/api/v1/api-keys',
    payload: () => ({ name: unique('key'), scopes: ['workflow:read'] }),
    expect: cells('allow', { anonymous: 401, aEditorReadKey: 403 }),
  },
  {
    route: 'DELETE /api/v1/api-keys/:id',
    url: (_w, ids) => `/api/v1/api-keys/${ids.fresh}`,
    fresh: async (w) => ({
      fresh: await createAs(w.app, w.who.aEditor ?? fail(), '/api/v1/api-keys', {
        name: unique('k'),
        scopes: ['workflow:read'],
      }),
    }),
    // The key belongs to aEditor: visible to its owner (and instance admins) only.
    expect: cells(404, {
      owner: 'allow',
      admin: 'allow',
      aEditor: 'allow',
      anonymous: 401,
      aEditorReadKey: 403,
    }),
  },
];

async function createUserRow(w: World, email: string): Promise<string> {
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: (w.who.owner ?? fail()).headers,
    payload: { email },
  });
  return z.object({ user: z.object({ id: z.string() }) }).parse(JSON.parse(res.body)).user.id;
}

/**
 * Routes of issue 4 the matrix leaves to dedicated tests: public sign-in
 * flows, and calls that would end the matrix's own sessions.
 */
export const EXEMPT_ROUTES: Record<string, string> = {
  'GET /api/v1/setup': 'public',
  'POST /api/v1/setup/owner': 'public, once (auth-api.test.ts)',
  'POST /api/v1/auth/login': 'public (auth-api.test.ts)',
  'POST /api/v1/auth/refresh': 'public (auth-api.test.ts)',
  'POST /api/v1/auth/logout': 'ends the caller session (auth-api.test.ts)',
  'DELETE /api/v1/auth/sessions/:id': 'own sessions only (auth-api.test.ts)',
  'POST /api/v1/auth/password': 'ends other sessions (auth-api.test.ts)',
  'POST /api/v1/auth/password/forgot': 'public (auth-api.test.ts)',
  'POST /api/v1/auth/password/reset': 'public (auth-api.test.ts)',
  'GET /api/v1/auth/oidc/login': 'public (sso-oidc.test.ts)',
  'GET /api/v1/auth/oidc/callback': 'public (sso-oidc.test.ts)',
  'GET /api/v1/oauth2/callback': 'public, one-time state (oauth2.test.ts)',
  'GET /api/v1/oauth1/callback': 'public, one-time state bound to the request token (oauth1.test.ts)',
};
