import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../testing/test-database.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { createUser } from './testing/identities.ts';
import { buildWorld, createAs, runMatrix, type World } from './testing/isolation-matrix.ts';
import { credential, fail, SECURITY_CASES } from './testing/security-cases.ts';

describe.each(BACKENDS)('isolation matrix on %s', (kind) => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    process.env.GUIXU_LOGIN_RATE_LIMIT = '0';
    t = await createTestApp(kind);
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

  it('every cell allows or denies as the policy says', async () => {
    expect(await runMatrix(world, SECURITY_CASES)).toEqual([]);
  }, 120_000);
});
