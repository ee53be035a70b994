import { nodeTypeListSchema, nodeTypeSchema } from '@guixu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';

describe.each(BACKENDS)('node catalog on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.dispose());

  it('lists every registered node type with its form', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/node-types' });
    expect(response.statusCode).toBe(200);
    const list = nodeTypeListSchema.parse(response.json());
    expect(list.data.map((n) => n.type).sort()).toEqual(
      t.ctx.registry
        .list()
        .map((d) => d.type)
        .sort(),
    );
    const webhook = list.data.find((n) => n.type === 'guixu.webhook');
    expect(webhook).toMatchObject({
      group: 'trigger',
      trigger: { kind: 'webhook' },
      inputs: [],
      outputs: [{ type: 'main' }],
    });
    expect(webhook?.properties.find((p) => p.name === 'path')).toMatchObject({
      kind: 'string',
      required: true,
    });
    expect(webhook?.credentials.some((c) => c.required && c.displayOptions?.show)).toBe(true);
  });

  it('filters by group and gets one type by version', async () => {
    const triggers = nodeTypeListSchema.parse(
      (await t.app.inject({ method: 'GET', url: '/api/v1/node-types?group=trigger' })).json(),
    );
    expect(triggers.data.length).toBeGreaterThan(0);
    expect(triggers.data.every((n) => n.group === 'trigger')).toBe(true);

    const set = await t.app.inject({ method: 'GET', url: '/api/v1/node-types/guixu.set?version=1' });
    expect(set.statusCode).toBe(200);
    expect(nodeTypeSchema.parse(set.json())).toMatchObject({ type: 'guixu.set', versions: [1] });

    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/node-types/guixu.nothing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NODE_TYPE_NOT_FOUND' });
    const noVersion = await t.app.inject({ method: 'GET', url: '/api/v1/node-types/guixu.set?version=99' });
    expect(noVersion.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/node-types?group=nope' })).statusCode).toBe(
      400,
    );
  });
});
