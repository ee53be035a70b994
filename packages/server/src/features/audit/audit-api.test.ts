import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Identity, json, setupOwner } from '../../security/testing/identities.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Page = { data: { id: string; action: string; at: string }[]; nextCursor: string | null };

describe.each(BACKENDS)('audit log on %s', (kind) => {
  let t: TestApp;
  let owner: Identity;
  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await setupOwner(t.app);
    const audit = t.ctx.services.get('audit');
    for (let i = 0; i < 7; i++) {
      await audit.record({
        action: 'workflow.update',
        resourceType: 'workflow',
        resourceId: `w${i}`,
        summary: `=HYPERLINK("x") ${i}`,
      });
    }
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('pages newest first without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/audit?action=workflow.update&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = json(await t.app.inject({ method: 'GET', url, headers: owner.headers })) as Page;
      seen.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit?cursor=garbage',
      headers: owner.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ code: 'CURSOR_INVALID' });
  });

  it('exports JSON and formula-safe CSV', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit/export?format=json&action=workflow.update',
      headers: owner.headers,
    });
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="audit-.*\.json"/);
    expect(json(res)).toHaveLength(7);
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit/export?format=csv&action=workflow.update',
      headers: owner.headers,
    });
    expect(csv.body).toContain(`"'=HYPERLINK(""x"") 0"`);
  });

  it('prunes entries past the retention setting', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/audit/settings',
      headers: owner.headers,
      payload: { retentionDays: 30 },
    });
    expect(json(put)).toEqual({ retentionDays: 30 });
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/audit/settings',
      headers: owner.headers,
      payload: { retentionDays: -1 },
    });
    expect(bad.statusCode).toBe(400);
    const audit = t.ctx.services.get('audit');
    // Forty days from now, everything recorded so far is older than thirty days.
    const removed = await audit.prune(Date.now() + 40 * 86_400_000);
    expect(removed).toBeGreaterThanOrEqual(7);
    const left = json(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/audit?action=workflow.update',
        headers: owner.headers,
      }),
    ) as Page;
    expect(left.data).toHaveLength(0);
  });
});
