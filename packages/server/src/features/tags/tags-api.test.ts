import { tagListSchema, tagSchema } from '@guixu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';

describe.each(BACKENDS)('tags API on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.dispose());

  const json = (method: 'POST' | 'PATCH', url: string, payload: unknown) =>
    t.app.inject({
      method,
      url,
      payload: JSON.stringify(payload),
      headers: { 'content-type': 'application/json' },
    });

  it('creates, renames, counts usage and deletes tags', async () => {
    const created = await json('POST', '/api/v1/tags', { name: 'billing' });
    expect(created.statusCode).toBe(201);
    const tag = tagSchema.parse(created.json());
    expect(tag).toMatchObject({ name: 'billing', usageCount: 0 });

    const duplicate = await json('POST', '/api/v1/tags', { name: 'billing' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'TAG_EXISTS' });

    await json('POST', '/api/v1/workflows', { name: 'uses billing', tags: ['billing', 'other'] });
    const deleted = await json('POST', '/api/v1/workflows', { name: 'deleted one', tags: ['billing'] });
    await t.app.inject({ method: 'DELETE', url: `/api/v1/workflows/${deleted.json().id}` });
    const list = tagListSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/tags' })).json());
    expect(list.data.map((x) => [x.name, x.usageCount])).toEqual([
      ['billing', 1],
      ['other', 1],
    ]);

    const renamed = await json('PATCH', `/api/v1/tags/${tag.id}`, { name: 'invoicing' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: tag.id, name: 'invoicing', usageCount: 1 });
    expect((await json('PATCH', `/api/v1/tags/${tag.id}`, { name: 'other' })).statusCode).toBe(409);
    expect((await json('PATCH', '/api/v1/tags/missing', { name: 'zzz' })).statusCode).toBe(404);
    expect((await json('PATCH', `/api/v1/tags/${tag.id}`, { name: '' })).statusCode).toBe(400);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tags/${tag.id}` })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tags/${tag.id}` })).statusCode).toBe(404);
    const workflows = (await t.app.inject({ method: 'GET', url: '/api/v1/workflows?tag=invoicing' })).json();
    expect(workflows.data).toEqual([]);
  });
});
