import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../testing/test-database.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { createUser } from './testing/identities.ts';
import { buildWorld, createAs, runMatrix, type World } from './testing/isolation-matrix.ts';
import { credential, EXEMPT_ROUTES, fail, SECURITY_CASES } from './testing/security-cases.ts';

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
      };
    });
  }, 60_000);
  afterAll(async () => {
    delete process.env.GUIXU_LOGIN_RATE_LIMIT;
    await t.dispose();
  });

  it('covers every route of the security features (and lists the routes still unguarded elsewhere)', () => {
    const mine = new Set([
      'Auth',
      'API keys',
      'SSO',
      'Users',
      'Projects',
      'Credentials',
      'Variables',
      'Audit',
    ]);
    const covered = new Set([...SECURITY_CASES.map((c) => c.route), ...Object.keys(EXEMPT_ROUTES)]);
    const all = t.ctx.contracts.routes.map((r) => ({
      key: `${r.method} ${r.path}`,
      mine: r.tags.some((tag) => mine.has(tag)),
    }));
    expect(all.filter((r) => r.mine && !covered.has(r.key)).map((r) => r.key)).toEqual([]);
    const elsewhere = all.filter((r) => !r.mine && !covered.has(r.key)).map((r) => r.key);
    // Not a failure yet: these join the matrix when their features are guarded (see docs/security.md).
    if (elsewhere.length > 0) console.info(`routes without isolation cases yet: ${elsewhere.length}`);
  });

  it('every cell allows or denies as the policy says', async () => {
    expect(await runMatrix(world, SECURITY_CASES)).toEqual([]);
  }, 120_000);
});
