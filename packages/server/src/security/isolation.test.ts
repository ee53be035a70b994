import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../testing/test-database.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { createUser } from './testing/identities.ts';
import { buildWorld, createAs, runMatrix, type World } from './testing/isolation-matrix.ts';
import { credential, EXEMPT_ROUTES, fail, SECURITY_CASES } from './testing/security-cases.ts';
import { seedWorkflowResources, WORKFLOW_CASES } from './testing/workflow-cases.ts';

const CASES = [...SECURITY_CASES, ...WORKFLOW_CASES];
/** Routes outside the API: probes anyone may call (system-api.test.ts). */
const PUBLIC_PROBES: Record<string, string> = {
  'GET /healthz': 'public probe',
  'GET /readyz': 'public probe',
  'GET /metrics': 'public probe',
};
/** API routes registered without a contract (WebSocket). */
const NON_CONTRACT_ROUTES = ['GET /api/v1/push'];

describe.each(BACKENDS)('isolation matrix on %s', (kind) => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    process.env.GUIXU_LOGIN_RATE_LIMIT = '0';
    t = await createTestApp(kind, { auth: 'none' });
    world = await buildWorld(t.app, async (w) => {
      const owner = w.who.owner ?? fail();
      const spare = await createUser(w.app, owner, 'spare@example.com');
      return {
        spare: spare.userId,
        credential: await createAs(w.app, owner, '/api/v1/credentials', credential(w)),
        variable: await createAs(w.app, owner, '/api/v1/variables', {
          projectId: w.projectA,
          key: 'SHARED',
          value: 'v',
        }),
        ...(await seedWorkflowResources(w)),
      };
    });
  }, 60_000);
  afterAll(async () => {
    delete process.env.GUIXU_LOGIN_RATE_LIMIT;
    await t.dispose();
  });

  it('has a case (or a named exemption) for every route', () => {
    const covered = new Set([
      ...CASES.map((c) => c.route),
      ...Object.keys(EXEMPT_ROUTES),
      ...Object.keys(PUBLIC_PROBES),
    ]);
    const all = [...t.ctx.contracts.routes.map((r) => `${r.method} ${r.path}`), ...NON_CONTRACT_ROUTES];
    expect(all.filter((key) => !covered.has(key))).toEqual([]);
    // And no case for a route that does not exist (a renamed route must take its case along).
    expect([...covered].filter((key) => !all.includes(key))).toEqual([]);
  });

  it('every cell allows or denies as the policy says', async () => {
    expect(await runMatrix(world, CASES)).toEqual([]);
  }, 240_000);
});
