import type { RouteContract } from '@guixu/api';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookWorkflow } from '../testing/sample-workflows.ts';
import { type JsonSchema, mutations, sampleOf, WRONG_VALUES } from '../testing/sample-from-schema.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { BACKENDS } from '../testing/test-database.ts';

/**
 * Every route registered through a contract gets wrong-typed, missing, huge
 * and malformed path parameters, query values and bodies. None may answer 5xx,
 * and every error must be `{ code, message }`.
 */
const BAD_SEGMENTS = [
  'x',
  '0',
  '-1',
  '1.5',
  'ü'.repeat(300),
  '%00',
  '..%2F..',
  '%E0%A4%A',
  "' or 1=1 --",
  'a'.repeat(5000),
];

function toJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

// Real processes and every route: minutes on a loaded 2-core machine, so a bound, not a speed check.
describe.each(BACKENDS)('fuzz every route on %s', { timeout: 180_000 }, (kind) => {
  let t: TestApp;
  let workflowId = '';
  const failures: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { GUIXU_BODY_LIMIT: '1mb' } });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      payload: JSON.stringify(webhookWorkflow('Fuzz target', 'fuzz')),
      headers: { 'content-type': 'application/json' },
    });
    workflowId = created.json().id;
  });
  afterAll(async () => t.dispose());

  async function send(
    route: RouteContract,
    url: string,
    label: string,
    payload?: string,
    contentType?: string,
  ) {
    const response = await t.app.inject({
      method: route.method,
      url,
      ...(payload === undefined
        ? {}
        : { payload, headers: { 'content-type': contentType ?? 'application/json' } }),
    });
    if (response.statusCode >= 500) {
      failures.push(
        `${route.method} ${route.path} [${label}] → ${response.statusCode} ${response.body.slice(0, 300)}`,
      );
      return;
    }
    if (response.statusCode >= 400) {
      const body: unknown = JSON.parse(response.body);
      const ok = z.object({ code: z.string().min(1), message: z.string().min(1) }).safeParse(body);
      if (!ok.success)
        failures.push(`${route.method} ${route.path} [${label}] → error body ${response.body.slice(0, 200)}`);
    }
  }

  function pathWith(route: RouteContract, values: Record<string, string>): string {
    return route.path.replace(/:(\w+)/g, (_, name: string) => values[name] ?? 'x');
  }

  it('never answers 5xx', async () => {
    const routes = t.ctx.contracts.routes;
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const params = route.path.match(/:(\w+)/g)?.map((p) => p.slice(1)) ?? [];
      const good: Record<string, string> = { id: workflowId, version: '1', type: 'guixu.set' };
      const basePath = pathWith(route, good);

      for (const name of params) {
        for (const segment of BAD_SEGMENTS) {
          await send(
            route,
            pathWith(route, { ...good, [name]: segment }),
            `path ${name}=${segment.slice(0, 20)}`,
          );
        }
      }

      if (route.query) {
        const schema = toJsonSchema(route.query);
        const keys = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
        for (const key of keys) {
          for (const value of ['', 'abc', '-1', '0', '1e999', 'true', 'ü'.repeat(2000), '%ZZ']) {
            await send(route, `${basePath}?${key}=${value}`, `query ${key}=${value.slice(0, 20)}`);
          }
          await send(route, `${basePath}?${key}=1&${key}=2`, `query ${key} twice`);
          await send(route, `${basePath}?${key}[a]=1`, `query ${key} as object`);
        }
      }

      if (route.body) {
        const schema = toJsonSchema(route.body);
        const base = sampleOf(schema, schema);
        await send(route, basePath, 'sample body', JSON.stringify(base));
        for (const mutation of mutations(schema, schema, base)) {
          await send(route, basePath, `body ${mutation.label}`, JSON.stringify(mutation.value) ?? 'null');
        }
      }
      // Raw payloads every route must survive, with or without a body schema.
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      for (const [label, payload, type] of [
        ['malformed json', '{"a": tru', undefined],
        ['deep json', deep, undefined],
        ['deep object', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, undefined],
        ['oversized', JSON.stringify({ blob: 'x'.repeat(1024 * 1024 + 1) }), undefined],
        ['text body', 'hello', 'text/plain'],
        ['unknown type', 'hello', 'application/x-weird'],
        ['json with bom', '\uFEFF{}', undefined],
      ] as const) {
        if (route.method === 'GET') continue;
        await send(route, basePath, label, payload, type);
      }
    }
    expect(WRONG_VALUES.length).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });
});
