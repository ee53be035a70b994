import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderServer, startProviderServer } from '../../../nodes/src/ai/testing/provider-server.ts';
import { BACKENDS } from '../testing/test-database.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { createUser } from './testing/identities.ts';
import { AI_CASES, seedAiResources } from './testing/ai-cases.ts';
import { CONSOLE_CASES } from './testing/console-cases.ts';
import { KNOWLEDGE_CASES, seedKnowledgeResources } from './testing/knowledge-cases.ts';
import { buildWorld, createAs, runMatrix, type World } from './testing/isolation-matrix.ts';
import { credential, EXEMPT_ROUTES, fail, SECURITY_CASES } from './testing/security-cases.ts';
import { seedWorkflowResources, WORKFLOW_CASES } from './testing/workflow-cases.ts';

const CASES = [...SECURITY_CASES, ...WORKFLOW_CASES, ...AI_CASES, ...CONSOLE_CASES, ...KNOWLEDGE_CASES];
/** Routes outside the API: probes anyone may call (system-api.test.ts). */
const PUBLIC_PROBES: Record<string, string> = {
  'GET /healthz': 'public probe',
  'GET /readyz': 'public probe',
  'GET /metrics': 'public probe; a bearer token with GUIXU_METRICS_TOKEN (observability/metrics.test.ts)',
};
/** API routes registered without a contract (WebSocket). */
const NON_CONTRACT_ROUTES = ['GET /api/v1/push'];

describe.each(BACKENDS)('isolation matrix on %s', (kind) => {
  let t: TestApp;
  let world: World;
  let provider: ProviderServer;
  beforeAll(async () => {
    provider = await startProviderServer();
    t = await createTestApp(kind, { auth: 'none', env: { GUIXU_LOGIN_RATE_LIMIT: '0' } });
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
        ...(await seedAiResources(w, provider.baseUrl)),
        ...(await seedKnowledgeResources(w)),
      };
    });
  }, 60_000);
  afterAll(async () => {
    await t.dispose();
    await provider?.close();
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
