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
    expect: adminOfA,
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
];
