import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';

describe.each(BACKENDS)('health, metrics, OpenAPI and docs on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.dispose());

  it('answers /healthz and /readyz', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'done' } });
  });

  it('reports not ready while shutting down', async () => {
    t.ctx.lifecycle.markStopping();
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not_ready' });
    Reflect.set(t.ctx.lifecycle, 'stopping', false);
  });

  it('exposes Prometheus metrics with HTTP counts by route', async () => {
    await t.app.inject({ method: 'GET', url: '/api/v1/workflows/abc' });
    await t.app.inject({ method: 'GET', url: '/api/v1/workflows/def' });
    const custom = t.ctx.metrics.counter('guixu_test_events_total', 'Test events', ['kind']);
    custom.inc({ kind: 'a "quoted"\nvalue' });
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain; version=0.0.4');
    const text = response.body;
    expect(text).toContain('http_requests_total{method="GET",route="/api/v1/workflows/:id",status="404"} 2');
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/api\/v1\/workflows\/:id",status="404"\} 2/,
    );
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds [\d.e-]+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
    expect(text).toContain('guixu_test_events_total{kind="a \\"quoted\\"\\nvalue"} 1');
    for (const line of text
      .trim()
      .split('\n')
      .filter((l) => l !== '')) {
      expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|[a-zA-Z_:][\w:]*(\{.*\})? [-+\d.eInfNa]+)$/);
    }
  });

  it('serves an OpenAPI 3.1 document covering every route, and the docs page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const contract of t.ctx.contracts.routes) {
      const path = contract.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[contract.method.toLowerCase()]?.operationId).toBe(contract.operationId);
    }
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[\w]+/g) ?? [];
    for (const ref of new Set(refs)) expect(doc.components.schemas[ref.split('/').pop() ?? '']).toBeDefined();
    expect(doc.paths['/api/v1/workflows'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CreateWorkflow',
    });
    const redirect = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe('/docs/');
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
    expect(docs.body).toContain('/api/v1/openapi.json');
    expect(docs.body).not.toMatch(/<script[^>]+src="(https?:)?\/\/|<link[^>]+href="(https?:)?\/\//);
    // The page's own CSP: its script from here, the inline start-up script by hash, nothing evaluated.
    const csp = String(docs.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'sha256-[\w+/=]+'/);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    const script = await t.app.inject({ method: 'GET', url: '/docs/js/scalar.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
  });
});

describe('when PostgreSQL is down', () => {
  it('answers 503 with Retry-After and reports not ready', async () => {
    const { openDatabase } = await import('../../db/open.ts');
    const { buildApp } = await import('../../app.ts');
    const { loadConfig } = await import('../../config.ts');
    const { createLogger } = await import('../../logger.ts');
    const database = await openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/test' });
    const config = loadConfig({
      env: { GUIXU_LOG_LEVEL: 'silent', GUIXU_DATA_DIR: '/tmp/guixu-down' },
      cwd: '/tmp',
    });
    const { app } = await buildApp({ config, database, logger: createLogger('silent') });
    try {
      // A well-formed API key: checking it needs the database (an anonymous call is a plain 401).
      const list = await app.inject({
        method: 'GET',
        url: '/api/v1/workflows',
        headers: { authorization: `Bearer gx_0123456789abcdef_${'k'.repeat(32)}` },
      });
      expect(list.statusCode).toBe(503);
      expect(list.headers['retry-after']).toBe('1');
      expect(list.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'not_ready', checks: { database: 'unreachable' } });
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
